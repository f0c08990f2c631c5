// Keeps the live result up to date: after edits settle, rebuild only the layers whose fingerprint
// (layer id + revision + created time) has no cached BuiltLayer, then assemble config, manifest
// and index in the worker. A newer edit or the Cancel button aborts the run in progress.

import type { BuiltLayer } from '../../core/build/built.ts';
import type { EntriesLayer } from '../../core/build/spec.ts';
import { assembleImageInWorker, buildLayerInWorker, retainBlobsInWorker } from '../../worker/client.ts';
import type { Composition } from './model/composition.ts';
import { toImageSpec } from './model/to-spec.ts';
import { useComposer } from './store/index.ts';

const DEBOUNCE_MS = 250;
const cache = new Map<string, BuiltLayer>();
let controller: AbortController | null = null;
let timer: ReturnType<typeof setTimeout> | undefined;

const fingerprint = (c: Composition, index: number) => `${c.layers[index].id}@${c.layers[index].revision}|${c.created}`;

export function cancelBuild(): void {
  controller?.abort();
}

async function run(composition: Composition): Promise<void> {
  controller?.abort();
  const own = new AbortController();
  controller = own;
  const { setBuild } = useComposer.getState();
  const { spec, hasErrors } = toImageSpec(composition);
  if (hasErrors) {
    setBuild({ buildStatus: 'invalid', progress: null, buildError: null });
    return;
  }
  setBuild({ buildStatus: 'building', buildError: null });
  try {
    const built: BuiltLayer[] = [];
    for (let index = 0; index < spec.layers.length; index++) {
      const key = fingerprint(composition, index);
      let layer = cache.get(key);
      if (!layer) {
        const startedAt = performance.now();
        layer = await buildLayerInWorker(
          spec.layers[index] as EntriesLayer,
          spec.created!,
          (p) => {
            if (controller === own) setBuild({ progress: { layerIndex: index, done: p.done, total: p.total, startedAt, at: performance.now() } });
          },
          own.signal,
        );
        cache.set(key, layer);
      }
      built.push(layer);
    }
    const keep = new Set(composition.layers.map((_, i) => fingerprint(composition, i)));
    for (const key of cache.keys()) if (!keep.has(key)) cache.delete(key);
    void retainBlobsInWorker([...cache.values()].map((layer) => layer.blob)).catch(() => {});
    // Assembling needs only each layer's history text; sending thousands of entries again would
    // cost the UI thread a structured clone of every File.
    const historyOnly = { ...spec, layers: spec.layers.map((layer) => ({ ...layer, entries: [] })) };
    const image = await assembleImageInWorker(historyOnly, built);
    if (controller !== own) return;
    setBuild({ image, buildStatus: 'ready', progress: null, builtFrom: composition.layers.map((l) => l.revision).join(',') });
  } catch (error) {
    if (controller !== own) return;
    if (own.signal.aborted) setBuild({ buildStatus: 'cancelled', progress: null });
    else {
      // A crashed worker takes its stored blobs with it; build everything afresh next time.
      cache.clear();
      setBuild({ buildStatus: 'failed', progress: null, buildError: (error as Error).message });
    }
  }
}

/** Starts watching the composition; returns the unsubscribe function. */
export function startBuildRunner(): () => void {
  const schedule = (composition: Composition) => {
    clearTimeout(timer);
    timer = setTimeout(() => void run(composition), DEBOUNCE_MS);
  };
  schedule(useComposer.getState().composition);
  const unsubscribe = useComposer.subscribe((state, previous) => {
    if (state.composition !== previous.composition) schedule(state.composition);
  });
  return () => {
    clearTimeout(timer);
    unsubscribe();
  };
}

/** Rebuild now with the current composition (after a cancel or a failure). */
export function rebuildNow(): void {
  void run(useComposer.getState().composition);
}
