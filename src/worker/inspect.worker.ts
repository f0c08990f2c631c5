// The inspection Web Worker: opens one archive at a time and answers the UI's questions about it
// through comlink. All indexing, parsing, decompression and hashing happen here. Long calls take a
// job id so the UI can cancel them; progress is throttled.

import * as Comlink from 'comlink';
import type { Digest } from '../core/digest.ts';
import type { FolderFile } from '../core/formats/folder/read.ts';
import type { BlobVerification, LayerVerification } from '../core/inspect/verify.ts';
import { createJobRegistry, throttled } from './jobs.ts';
import { openSession, type InspectSession } from '../core/inspect/session.ts';
import type { FileRequest, VerifyProgress } from '../core/inspect/views.ts';
import { createHashPool } from './hash-pool.ts';

const jobs = createJobRegistry();
// Blobs are hashed by helpers on the other cores while this worker decompresses and lists layers.
const hashPool = createHashPool({
  size: Math.max(1, Math.min(3, (navigator.hardwareConcurrency || 2) - 1)),
  createWorker: (index) => new Worker(new URL('./hash.worker.ts', import.meta.url), { type: 'module', name: `layerpad-hash-${index}` }),
});
let session: InspectSession | undefined;

function current(): InspectSession {
  if (!session) throw new Error('No archive is open.');
  return session;
}

const api = {
  async open(jobId: string, input: Blob | FolderFile[], fileName: string) {
    // The open session stays in use until the new archive has opened: a bad file loses nothing.
    return jobs.run(jobId, async (signal) => {
      const opened = await openSession(input, fileName, signal);
      session = opened;
      return opened.view;
    });
  },
  select(manifest: Digest) {
    return current().select(manifest);
  },
  verify(
    jobId: string,
    onProgress: (p: VerifyProgress) => void,
    onBlob: (result: BlobVerification) => void,
    onLayer: (result: LayerVerification) => void,
  ) {
    const progress = throttled(onProgress);
    return jobs.run(jobId, (signal) => current().verify({ signal, onBlob, onLayer, hashBlob: hashPool.hash, onProgress: (done, total) => progress({ done, total }) }));
  },
  analyse(jobId: string, onProgress: (p: VerifyProgress) => void) {
    return jobs.run(jobId, (signal) => current().analyse({ signal, onProgress: throttled(onProgress) }));
  },
  layerRows(layer: number, start: number, end: number) {
    return current().layerRows(layer, start, end);
  },
  treeRows(start: number, end: number) {
    return current().treeRows(start, end);
  },
  preview(jobId: string, request: FileRequest) {
    return jobs.run(jobId, (signal) => current().preview(request, signal));
  },
  download(jobId: string, request: FileRequest) {
    return jobs.run(jobId, (signal) => current().download(request, signal));
  },
  cancel(jobId: string): void {
    jobs.cancel(jobId);
  },
};

export type InspectApi = typeof api;

Comlink.expose(api);
