// Keeps the live result up to date: after edits settle, rebuild only the layers whose fingerprint
// (layer id + revision + created time) has no cached built Layer, then assemble config, manifest
// and index in the worker. A layer build in progress is shared by later runs that need the same
// layer (typing in the config does not restart a 200 MB layer); it is aborted only when no longer
// needed or when the person presses Cancel.

import type { Layer } from '../../core/image/model.ts';
import type { EntriesLayer } from '../../core/build/spec.ts';
import { assembleImageInWorker, buildLayerInWorker, retainBlobsInWorker } from '../../worker/client.ts';
import type { Composition } from './model/composition.ts';
import { toImageSpec } from './model/to-spec.ts';
import { useComposer } from './store/index.ts';

const DEBOUNCE_MS = 250;
const cache = new Map<string, Layer>();
const inflight = new Map<string, { promise: Promise<Layer>; controller: AbortController }>();
let runCounter = 0;
let timer: ReturnType<typeof setTimeout> | undefined;

const fingerprint = (c: Composition, index: number) => `${c.layers[index].id}@${c.layers[index].revision}|${c.created}`;

export function cancelBuild(): void {
  for (const job of inflight.values()) job.controller.abort();
}

function buildOnce(key: string, layer: EntriesLayer, created: string, layerIndex: number): Promise<Layer> {
  const cached = cache.get(key);
  if (cached) return Promise.resolve(cached);
  let job = inflight.get(key);
  if (!job) {
    const controller = new AbortController();
    const startedAt = performance.now();
    const onProgress = (p: { done: number; total: number }) =>
      useComposer.getState().setBuild({ progress: { layerIndex, done: p.done, total: p.total, startedAt, at: performance.now() } });
    const promise = buildLayerInWorker(layer, created, onProgress, controller.signal)
      .then((built) => {
        cache.set(key, built);
        return built;
      })
      .finally(() => inflight.delete(key));
    job = { promise, controller };
    inflight.set(key, job);
  }
  return job.promise;
}

async function run(composition: Composition): Promise<void> {
  const runId = ++runCounter;
  const { setBuild } = useComposer.getState();
  const keys = composition.layers.map((_, i) => fingerprint(composition, i));
  for (const [key, job] of inflight) if (!keys.includes(key)) job.controller.abort();
  const { spec, hasErrors } = toImageSpec(composition);
  if (hasErrors) {
    setBuild({ buildStatus: 'invalid', progress: null, buildError: null });
    return;
  }
  setBuild({ buildStatus: 'building', buildError: null });
  try {
    const built: Layer[] = [];
    for (let index = 0; index < spec.layers.length; index++) {
      built.push(await buildOnce(keys[index], spec.layers[index] as EntriesLayer, spec.created!, index));
    }
    for (const key of cache.keys()) if (!keys.includes(key)) cache.delete(key);
    void retainBlobsInWorker([...cache.values()].map((layer) => layer.blob)).catch(() => {});
    // Assembling needs only each layer's history text; sending thousands of entries again would
    // cost the UI thread a structured clone of every File.
    const historyOnly = { ...spec, layers: spec.layers.map((layer) => ({ ...layer, entries: [] })) };
    const image = await assembleImageInWorker(historyOnly, built);
    if (runId !== runCounter) return;
    const current = useComposer.getState().composition === composition;
    setBuild({ image, buildStatus: current ? 'ready' : 'pending', progress: null });
  } catch (error) {
    if (runId !== runCounter) return;
    if ((error as Error).name === 'AbortError') setBuild({ buildStatus: 'cancelled', progress: null });
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
    if (useComposer.getState().buildStatus !== 'building') useComposer.getState().setBuild({ buildStatus: 'pending' });
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
