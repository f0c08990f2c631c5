// The UI's handle on the engine worker: one module worker behind comlink, restarted after a crash.
// A crashed worker never answers, so every pending call is rejected with a clear message instead
// of hanging; the next call starts a fresh worker.

import * as Comlink from 'comlink';
import type { BuiltImage, BuiltLayer } from '../core/build/built.ts';
import type { EntriesLayer, ImageSpec } from '../core/build/spec.ts';
import type { EngineApi, LayerProgress } from './engine.worker.ts';

interface Running {
  worker: Worker;
  remote: Comlink.Remote<EngineApi>;
  crashed: Promise<never>;
}

let current: Running | null = null;
let jobCounter = 0;

function start(): Running {
  const worker = new Worker(new URL('./engine.worker.ts', import.meta.url), { type: 'module', name: 'layerpad-engine' });
  let fail: (error: Error) => void = () => {};
  const crashed = new Promise<never>((_, reject) => (fail = reject));
  crashed.catch(() => {});
  const onCrash = (event: Event) => {
    const detail = event instanceof ErrorEvent && event.message ? `: ${event.message}` : '';
    worker.terminate();
    if (current?.worker === worker) current = null;
    fail(new Error(`The build worker stopped unexpectedly${detail}. It has been restarted; edit anything to try again.`));
  };
  worker.addEventListener('error', onCrash);
  worker.addEventListener('messageerror', onCrash);
  return { worker, remote: Comlink.wrap<EngineApi>(worker), crashed };
}

async function call<T>(work: (remote: Comlink.Remote<EngineApi>) => Promise<T>): Promise<T> {
  current ??= start();
  return Promise.race([work(current.remote), current.crashed]);
}

/** Builds one layer; aborting `signal` cancels the work inside the worker. */
export async function buildLayerInWorker(
  layer: EntriesLayer,
  created: string,
  onProgress: (p: LayerProgress) => void,
  signal: AbortSignal,
): Promise<BuiltLayer> {
  signal.throwIfAborted();
  const jobId = `job-${++jobCounter}`;
  const onAbort = () => void current?.remote.cancel(jobId);
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
