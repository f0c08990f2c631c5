// The UI's handle on the registry worker (pushes): restarted after a crash, cancelled through an
// AbortSignal, progress back through a comlink proxy.

import * as Comlink from 'comlink';
import type { ImageIndex } from '../core/image/model.ts';
import type { Credentials } from '../core/registry/http-types.ts';
import type { BlobPushProgress, PushResult } from '../core/registry/push.ts';
import type { RegistryApi } from './registry.worker.ts';
import { restartableWorker } from './restartable.ts';

const worker = restartableWorker<RegistryApi>(
  () => new Worker(new URL('./registry.worker.ts', import.meta.url), { type: 'module', name: 'layerpad-registry' }),
  (detail) => `The registry worker stopped unexpectedly${detail}. It has been restarted; push again to continue.`,
);
let jobCounter = 0;

export async function pushInWorker(layout: ImageIndex, target: string, credentials: Credentials | undefined, mountFrom: Record<string, string[]>, onProgress: (p: BlobPushProgress) => void, signal: AbortSignal): Promise<PushResult> {
  signal.throwIfAborted();
  const jobId = `push-${++jobCounter}`;
  const onAbort = () => void worker.current()?.cancel(jobId);
  signal.addEventListener('abort', onAbort);
  try {
    return await worker.call((remote) => remote.push(jobId, layout, target, credentials, mountFrom, Comlink.proxy(onProgress)));
  } finally {
    signal.removeEventListener('abort', onAbort);
  }
}
