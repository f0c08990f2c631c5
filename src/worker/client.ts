// The UI's handle on the engine worker: one module worker behind comlink, restarted after a crash
// (restartable.ts), with cancel through an AbortSignal.

import * as Comlink from 'comlink';
import type { ImageIndex, Layer } from '../core/image/model.ts';
import type { EntriesLayer, ImageSpec } from '../core/build/spec.ts';
import type { EngineApi, LayerProgress } from './engine.worker.ts';
import { restartableWorker } from './restartable.ts';

const engine = restartableWorker<EngineApi>(
  () => new Worker(new URL('./engine.worker.ts', import.meta.url), { type: 'module', name: 'layerpad-engine' }),
  (detail) => `The build worker stopped unexpectedly${detail}. It has been restarted; edit anything to try again.`,
);
const call = engine.call.bind(engine);
let jobCounter = 0;

/** Items per message: cloning a File costs the UI thread ~0.2 ms, so batches stay well under 100 ms. */
const BATCH = 200;

function batches<T>(items: T[]): T[][] {
  const out: T[][] = [];
  for (let i = 0; i < items.length; i += BATCH) out.push(items.slice(i, i + BATCH));
  return out;
}

/** Builds one layer; aborting `signal` cancels the work inside the worker. */
export async function buildLayerInWorker(
  layer: EntriesLayer,
  created: string,
  onProgress: (p: LayerProgress) => void,
  signal: AbortSignal,
): Promise<Layer> {
  signal.throwIfAborted();
  const jobId = `job-${++jobCounter}`;
  const onAbort = () => void engine.current()?.cancel(jobId);
  signal.addEventListener('abort', onAbort);
  try {
    const { entries, ...rest } = layer;
    for (const batch of batches(entries)) {
      signal.throwIfAborted();
      await call((remote) => remote.stageEntries(jobId, batch));
    }
    signal.throwIfAborted();
    return await call((remote) => remote.buildLayer(jobId, rest, created, Comlink.proxy(onProgress)));
  } finally {
    signal.removeEventListener('abort', onAbort);
  }
}

export const assembleImageInWorker = (spec: ImageSpec, layers: Layer[]): Promise<ImageIndex> =>
  call((remote) => remote.assembleImage(spec, layers));

export const writeZipInWorker = (image: ImageIndex, onProgress: (p: LayerProgress) => void): Promise<Blob> =>
  call((remote) => remote.writeOciLayoutZip(image, Comlink.proxy(onProgress)));

export const writeTarInWorker = (image: ImageIndex): Promise<Blob> => call((remote) => remote.writeImageTar(image));

export async function sniffModesInWorker(files: Blob[]): Promise<number[]> {
  const modes: number[] = [];
  for (const batch of batches(files)) modes.push(...(await call((remote) => remote.sniffModes(batch))));
  return modes;
}

/** Lets the worker delete stored blobs other than these (no-op for in-memory blobs). */
export const retainBlobsInWorker = (blobs: Blob[]): Promise<void> =>
  call((remote) => remote.retainBlobs(blobs.flatMap((blob) => (blob instanceof File ? [blob.name] : []))));

export const readEditableTextInWorker = (blob: Blob): Promise<string | null> => call((remote) => remote.readEditableText(blob));
