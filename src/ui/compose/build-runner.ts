// Keeps the live result up to date: after edits settle, rebuild only the layers whose fingerprint
// (layer id, the platform's files when the layer is per-platform, their revision, created time,
// compression) has no cached built Layer, so a layer every platform shares is built once; then
// assemble one image per platform and their index in the worker (on top of each platform's base
// when editing an image) and apply the output options (recompress, squash). A layer build in
// progress is shared by later runs that need the same layer (typing in the config does not
// restart a 200 MB layer); it is aborted only when no longer needed or on Cancel.

import type { EntriesLayer } from '../../core/build/spec.ts';
import type { FsEntry } from '../../core/fs/entry.ts';
import type { Layer } from '../../core/image/model.ts';
import type { LayerCompression } from '../../core/oci/media-types.ts';
import { layerRecipe } from '../../core/build/recipe.ts';
import { assembleIndexInWorker, buildLayerInWorker, finishImageInWorker, onEngineCrash, retainBlobsInWorker, retainStoredInWorker, storedLayerInWorker, WorkerCrash } from '../../worker/client.ts';
import { contentIdOf, type SavedComposition } from './persistence.ts';
import { isOutline } from './model/outline.ts';
import { baseCount, type ComposeLayer, type Composition, type OutputOptions } from './model/composition.ts';
import { platformText, platformView } from './model/platforms.ts';
import { layerName } from './model/stack.ts';
import { toImageSpecs } from './model/to-spec.ts';
import { useComposer } from './store/index.ts';

const DEBOUNCE_MS = 250;
/** Built layers by fingerprint, with the recipe each was made from (what the build store knows it by). */
const cache = new Map<string, { layer: Layer; recipe: string }>();
const inflight = new Map<string, { promise: Promise<Layer>; controller: AbortController }>();
/** Store lookups started from a restored outline (primeFromStore), by fingerprint. */
const priming = new Map<string, Promise<void>>();
/** The restored outline whose first run primeFromStore waits for. */
let outlineRun: { outline: Composition; over(): void } | undefined;
let finishing: AbortController | undefined;
let runCounter = 0;
/** Builds restarted after the worker died, in a row: once is a crash to recover from, more is a loop. */
let crashRestarts = 0;
const MAX_CRASH_RESTARTS = 2;
let timer: ReturnType<typeof setTimeout> | undefined;

/** New layers are built as the output stores them; squashing and "keep" build gzip. */
const newLayerCompression = (output: OutputOptions): LayerCompression => (output.squash || output.compression === 'keep' ? 'gzip' : output.compression);

function fingerprint(c: Composition, layer: ComposeLayer, platformId: string): string {
  const files = layer.perPlatform ? `${layer.id}/${platformId}@${layer.perPlatform[platformId]?.revision ?? 0}` : `${layer.id}@${layer.revision}`;
  return `${files}|${c.created}|${newLayerCompression(c.output)}`;
}

export function cancelBuild(): void {
  for (const job of inflight.values()) job.controller.abort();
  finishing?.abort();
}

function reportProgress(what: string) {
  const startedAt = performance.now();
  return (p: { done: number; total: number }) =>
    useComposer.getState().setBuild({ progress: { what, done: p.done, total: p.total, startedAt, at: performance.now() } });
}

const contentIdOfEntry = (entry: FsEntry) => (entry.content ? contentIdOf(entry.content) : null);

/** A layer from this page's cache, the build store (after a reload too), or built now. */
function buildOnce(key: string, layer: EntriesLayer, created: string, compression: LayerCompression, what: string): Promise<Layer> {
  const cached = cache.get(key);
  if (cached) return Promise.resolve(cached.layer);
  let job = inflight.get(key);
  if (!job) {
    const controller = new AbortController();
    const recipe = layerRecipe(layer.entries, { created, compression, contentId: contentIdOfEntry });
    const promise = storedLayerInWorker(recipe)
      .then((stored) => stored ?? buildLayerInWorker(layer, created, compression, recipe, reportProgress(what), controller.signal))
      .then((built) => {
        cache.set(key, { layer: built, recipe });
        return built;
      })
      .finally(() => inflight.delete(key));
    job = { promise, controller };
    inflight.set(key, job);
  }
  return job.promise;
}

/**
 * Looks up a just-restored composition's layers in the build store from its outline (content keys,
 * no Blobs) while IndexedDB reads the file contents back, so the outline's first run builds nothing
 * and shows the digests. Resolves once that run has its layers and image (or the outline was
 * replaced): the complete composition then takes its place, and its run finds every layer cached.
 */
export function primeFromStore({ outline, contentKeyOf }: SavedComposition): Promise<void> {
  const specs = toImageSpecs(outline);
  const compression = newLayerCompression(outline.output);
  const contentId = (entry: FsEntry) => contentKeyOf(entry) ?? null;
  for (const { platformId, result: { spec } } of specs) {
    for (const [index, layer] of spec.layers.entries()) {
      const key = fingerprint(outline, outline.layers[index], platformId);
      if (cache.has(key) || priming.has(key)) continue;
      const recipe = layerRecipe((layer as EntriesLayer).entries, { created: spec.created!, compression, contentId });
      const lookup = storedLayerInWorker(recipe)
        .then((stored) => void (stored && cache.set(key, { layer: stored, recipe })), () => {})
        .finally(() => priming.delete(key));
      priming.set(key, lookup);
    }
  }
  return new Promise((resolve) => {
    const unsubscribe = useComposer.subscribe((state) => state.composition !== outline && over());
    const over = () => {
      unsubscribe();
      outlineRun = undefined;
      resolve();
    };
    outlineRun = { outline, over };
  });
}

async function run(composition: Composition): Promise<void> {
  const runId = ++runCounter;
  const { setBuild } = useComposer.getState();
  const keysByPlatform = composition.platforms.map((p) => composition.layers.map((layer) => fingerprint(composition, layer, p.id)));
  const keys = new Set(keysByPlatform.flat());
  for (const [key, job] of inflight) if (!keys.has(key)) job.controller.abort();
  finishing?.abort();
  if (composition.platforms.some((p) => p.base && !p.base.loaded)) {
    setBuild({ buildStatus: 'base', progress: null, buildError: null });
    return;
  }
  const specs = toImageSpecs(composition);
  if (specs.some(({ result }) => result.hasErrors)) {
    setBuild({ buildStatus: 'invalid', progress: null, buildError: null });
    return;
  }
  await Promise.all([...keys].map((key) => priming.get(key)));
  if (runId !== runCounter) return;
  if (isOutline(composition) && [...keys].some((key) => !cache.has(key))) {
    // A layer the store lacks needs the file contents: their arrival runs the build again.
    setBuild({ buildStatus: 'pending', progress: null, buildError: null });
    return;
  }
  setBuild({ buildStatus: 'building', buildError: null });
  try {
    const compression = newLayerCompression(composition.output);
    const several = composition.platforms.length > 1;
    const layerSets: Layer[][] = [];
    for (const [p, { platformId, result }] of specs.entries()) {
      const below = baseCount(platformView(composition, platformId));
      const built: Layer[] = [];
      for (const [index, layer] of result.spec.layers.entries()) {
        const what = `Building layer ${layerName(below + index)}${several ? ` (${platformText(composition.platforms[p])})` : ''}`;
        built.push(await buildOnce(keysByPlatform[p][index], layer as EntriesLayer, result.spec.created!, compression, what));
      }
      layerSets.push(built);
    }
    for (const key of cache.keys()) if (!keys.has(key)) cache.delete(key);
    // Assembling needs only each layer's history text; sending thousands of entries again would
    // cost the UI thread a structured clone of every File.
    const historyOnly = specs.map(({ result: { spec } }) => ({ ...spec, layers: spec.layers.map((layer) => ({ ...layer, entries: [] })) }));
    let image = await assembleIndexInWorker(historyOnly, layerSets);
    const { output } = composition;
    if (output.squash || output.compression !== 'keep') {
      // The complete composition need not wait for an outline's squash: its run does that anew.
      if (outlineRun?.outline === composition) outlineRun.over();
      const controller = (finishing = new AbortController());
      const what = output.squash ? 'Squashing the layers' : 'Recompressing layers';
      image = await finishImageInWorker(image, output, reportProgress(what), controller.signal);
    }
    if (runId !== runCounter) return;
    const kept = [...cache.values()];
    void retainBlobsInWorker([...kept.map((c) => c.layer), ...image.images.flatMap((i) => i.layers)].map((layer) => layer.blob)).catch(() => {});
    void retainStoredInWorker(kept.map((c) => c.recipe)).then((usage) => setBuild({ storeUsage: usage }), () => {});
    const current = useComposer.getState().composition === composition;
    crashRestarts = 0;
    setBuild({ image, buildStatus: current ? 'ready' : 'pending', progress: null });
  } catch (error) {
    if (runId !== runCounter) return;
    if ((error as Error).name === 'AbortError') setBuild({ buildStatus: 'cancelled', progress: null });
    else if (error instanceof WorkerCrash && crashRestarts < MAX_CRASH_RESTARTS) {
      // A fresh worker starts on the next call; layers in the build store are found there again.
      crashRestarts++;
      useComposer.getState().notify('info', `${error.message}; it was restarted and the build goes on.`);
      void run(useComposer.getState().composition);
    } else {
      // A crashed worker takes its stored blobs with it; build everything afresh next time.
      cache.clear();
      setBuild({ buildStatus: 'failed', progress: null, buildError: (error as Error).message });
    }
  }
}

/** Starts watching the composition; returns the unsubscribe function. */
export function startBuildRunner(): () => void {
  // A worker that dies while idle takes its session's blobs (recompressed layers) with it: build
  // the result again, which finds every stored layer, so downloads work without an edit.
  onEngineCrash((crash) => {
    if (useComposer.getState().buildStatus === 'building') return;
    useComposer.getState().notify('info', `${crash.message}; it was restarted and the image is being put together again.`);
    rebuildNow();
  });
  const schedule = (composition: Composition, delay = DEBOUNCE_MS) => {
    clearTimeout(timer);
    if (useComposer.getState().buildStatus !== 'building') useComposer.getState().setBuild({ buildStatus: 'pending' });
    timer = setTimeout(() => void run(composition).finally(() => outlineRun?.outline === composition && outlineRun.over()), delay);
  };
  if (useComposer.getState().restored) schedule(useComposer.getState().composition, 0);
  const unsubscribe = useComposer.subscribe((state, previous) => {
    // Restoring (an outline, its contents, or nothing saved) is not an edit in progress: no keystrokes to wait out.
    const restoring = (state.restored && !previous.restored) || (isOutline(previous.composition) && !isOutline(state.composition));
    if (restoring) schedule(state.composition, 0);
    else if (state.composition !== previous.composition) schedule(state.composition);
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
