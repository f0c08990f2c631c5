// The UI's handle on the engine worker: one module worker behind comlink, restarted after a crash
// (restartable.ts), with cancel through an AbortSignal.

import * as Comlink from 'comlink';
import type { BuiltImage, BuiltLayer } from '../core/build/built.ts';
import type { EntriesLayer, ImageSpec } from '../core/build/spec.ts';
import type { EngineApi, LayerProgress } from './engine.worker.ts';
import { restartableWorker } from './restartable.ts';

const engine = restartableWorker<EngineApi>(
  () => new Worker(new URL('./engine.worker.ts', import.meta.url), { type: 'module', name: 'layerpad-engine' }),
  (detail) => `The build worker stopped unexpectedly${detail}. It has been restarted; edit anything to try again.`,
);
const call = engine.call.bind(engine);
let jobCounter = 0;

/** Builds one layer; aborting `signal` cancels the work inside the worker. */
export async function buildLayerInWorker(
  layer: EntriesLayer,
  created: string,
  onProgress: (p: LayerProgress) => void,
  signal: AbortSignal,
): Promise<BuiltLayer> {
  signal.throwIfAborted();
  const jobId = `job-${++jobCounter}`;
  const onAbort = () => void engine.current()?.cancel(jobId);
  signal.addEventListener('abort', onAbort);
  try {
    return await call((remote) => remote.buildLayer(jobId, layer, created, Comlink.proxy(onProgress)));
  } finally {
    signal.removeEventListener('abort', onAbort);
  }
}

export const assembleImageInWorker = (spec: ImageSpec, layers: BuiltLayer[]): Promise<BuiltImage> =>
  call((remote) => remote.assembleImage(spec, layers));

export const writeZipInWorker = (image: BuiltImage): Promise<Blob> => call((remote) => remote.writeOciLayoutZip(image));

export const writeTarInWorker = (image: BuiltImage): Promise<Blob> => call((remote) => remote.writeImageTar(image));

export const sniffModesInWorker = (files: Blob[]): Promise<number[]> => call((remote) => remote.sniffModes(files));

/** Lets the worker delete stored blobs other than these (no-op for in-memory blobs). */
export const retainBlobsInWorker = (blobs: Blob[]): Promise<void> =>
  call((remote) => remote.retainBlobs(blobs.flatMap((blob) => (blob instanceof File ? [blob.name] : []))));
