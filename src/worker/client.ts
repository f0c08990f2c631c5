// The UI's handle on the engine worker: one module worker behind comlink, restarted after a crash
// (restartable.ts), with cancel through an AbortSignal.

import * as Comlink from 'comlink';
import type { ImageIndex, Layer } from '../core/image/model.ts';
import type { EntriesLayer, ImageSpec } from '../core/build/spec.ts';
import type { Digest } from '../core/digest.ts';
import type { OpenedBase } from '../core/edit/base.ts';
import type { ArchiveInput } from '../core/formats/open.ts';
import type { LayerCompression } from '../core/oci/media-types.ts';
import type { FileStart } from '../core/fs/file-start.ts';
import type { EngineApi, FinishOptions, LayerProgress } from './engine.worker.ts';
import { restartableWorker } from './restartable.ts';
import { helpersPerWorker } from './helper-host.ts';
import { sendInSlices } from '../core/slices.ts';

export { WorkerCrash } from './restartable.ts';

const helpers = helpersPerWorker((name) => new Worker(new URL('./piece.worker.ts', import.meta.url), { type: 'module', name }));
const engine = restartableWorker<EngineApi>(
  () => new Worker(new URL('./engine.worker.ts', import.meta.url), { type: 'module', name: 'layerpad-engine' }),
  (detail) => `The build worker stopped unexpectedly${detail}`,
  helpers.attach,
);
engine.onCrash(helpers.detach);
const call = engine.call.bind(engine);

/** Starts the engine worker loading now, so the first real call does not wait for it. */
export const warmEngine = (): void => void call(async () => undefined).catch(() => {});

/** Calls `listener` whenever the engine worker dies, busy or idle. */
export const onEngineCrash = (listener: (crash: Error) => void) => engine.onCrash(listener);
let jobCounter = 0;

/** Runs a cancellable job: aborting `signal` cancels the work inside the worker. */
async function job<T>(signal: AbortSignal, work: (jobId: string) => Promise<T>): Promise<T> {
  signal.throwIfAborted();
  const jobId = `job-${++jobCounter}`;
  const onAbort = () => void engine.current()?.cancel(jobId);
  signal.addEventListener('abort', onAbort);
  try {
    return await work(jobId);
  } finally {
    signal.removeEventListener('abort', onAbort);
  }
}

/** Builds one layer; aborting `signal` cancels the work inside the worker. */
export function buildLayerInWorker(
  layer: EntriesLayer,
  created: string,
  compression: LayerCompression,
  recipe: string | null,
  onProgress: (p: LayerProgress) => void,
  signal: AbortSignal,
): Promise<Layer> {
  return job(signal, async (jobId) => {
    const { entries, ...rest } = layer;
    // Entries carry Files, which postMessage clones on this thread: in slices (slices.ts).
    await sendInSlices(entries, (slice) => {
      signal.throwIfAborted();
      return call((remote) => remote.stageEntries(jobId, slice));
    });
    signal.throwIfAborted();
    return call((remote) => remote.buildLayer(jobId, rest, created, compression, recipe, Comlink.proxy(onProgress)));
  });
}

export const finishImageInWorker = (layout: ImageIndex, options: FinishOptions, onProgress: (p: LayerProgress) => void, signal: AbortSignal): Promise<ImageIndex> =>
  job(signal, (jobId) => call((remote) => remote.finishImage(jobId, layout, options, Comlink.proxy(onProgress))));

export const openBasesInWorker = (input: ArchiveInput, fileName: string, selected: Digest[] | undefined, onProgress: (p: LayerProgress) => void, signal: AbortSignal): Promise<OpenedBase[]> =>
  job(signal, (jobId) => call((remote) => remote.openBases(jobId, input, fileName, selected, Comlink.proxy(onProgress))));

export const readBaseFileInWorker = (layer: Layer, path: string, occurrence: number): Promise<Blob> =>
  call((remote) => remote.readBaseFile(layer, path, occurrence));

export const assembleIndexInWorker = (specs: ImageSpec[], layers: Layer[][]): Promise<ImageIndex> =>
  call((remote) => remote.assembleIndex(specs, layers));

export const writeZipInWorker = (image: ImageIndex, onProgress: (p: LayerProgress) => void): Promise<Blob> =>
  call((remote) => remote.writeOciLayoutZip(image, Comlink.proxy(onProgress)));

export const writeTarInWorker = (image: ImageIndex): Promise<Blob> => call((remote) => remote.writeImageTar(image));

/** Default modes and ELF architectures of files about to be added; `onBatch(done)` after each slice. */
export async function sniffFileStartsInWorker(files: Blob[], onBatch?: (done: number) => void): Promise<FileStart[]> {
  let done = 0;
  const answers = await sendInSlices(files, async (slice) => {
    const starts = await call((remote) => remote.sniffFileStarts(slice));
    done += starts.length;
    onBatch?.(done);
    return starts;
  });
  return answers.flat();
}

/** Lets the worker delete stored blobs other than these (no-op for in-memory blobs). */
export const retainBlobsInWorker = (blobs: Blob[]): Promise<void> =>
  call((remote) => remote.retainBlobs(blobs.flatMap((blob) => (blob instanceof File ? [blob.name] : []))));

export const readEditableTextInWorker = (blob: Blob): Promise<string | null> => call((remote) => remote.readEditableText(blob));

/** The layer `recipe` made before, if the build store still holds it (after a reload too). */
export const storedLayerInWorker = (recipe: string): Promise<Layer | null> => call((remote) => remote.storedLayer(recipe));

/** Reclaims stored layers no listed recipe makes; what the store then holds (null: no store here). */
export const retainStoredInWorker = (recipes: string[]) => call((remote) => remote.retainStored(recipes));

/** The tar anatomy of the entry at `path` in a built (or base) layer. */
export const layerAnatomyInWorker = (layer: Layer, path: string) => call((remote) => remote.layerAnatomy(layer, path));
