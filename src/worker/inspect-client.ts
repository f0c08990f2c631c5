// The UI's handle on the inspection worker. Each call gets a job id and an AbortSignal; aborting
// cancels the work inside the worker. Callbacks cross back through comlink proxies.

import * as Comlink from 'comlink';
import type { Digest } from '../core/digest.ts';
import type { FolderFile } from '../core/formats/folder/read.ts';
import type { InspectApi } from './inspect.worker.ts';
import type { Credentials } from '../core/registry/http-types.ts';
import { restartableWorker } from './restartable.ts';
import { helpersPerWorker } from './helper-host.ts';
import type { BlobVerification, FileRequest, LayerVerification, VerifyProgress } from '../core/inspect/views.ts';
import type { FsTreeNode } from '../core/fs/tree-node.ts';
import type { CompareTarget } from '../core/inspect/compare-target.ts';
import type { RowFilter } from '../core/inspect/compare.ts';
import { TREE_PAGE_ROWS, TreeAssembler } from '../core/inspect/tree-pages.ts';

const helpers = helpersPerWorker((name) => new Worker(new URL('./hash.worker.ts', import.meta.url), { type: 'module', name }));
const worker = restartableWorker<InspectApi>(
  () => new Worker(new URL('./inspect.worker.ts', import.meta.url), { type: 'module', name: 'layerpad-inspect' }),
  (detail) => `The inspection worker stopped unexpectedly${detail}. Open the archive again to continue.`,
  helpers.attach,
);
worker.onCrash(helpers.detach);
let jobCounter = 0;

async function job<T>(signal: AbortSignal | undefined, work: (remote: Comlink.Remote<InspectApi>, jobId: string) => Promise<T>): Promise<T> {
  signal?.throwIfAborted();
  const jobId = `inspect-${++jobCounter}`;
  const onAbort = () => void worker.current()?.cancel(jobId);
  signal?.addEventListener('abort', onAbort);
  try {
    return await worker.call((remote) => work(remote, jobId));
  } finally {
    signal?.removeEventListener('abort', onAbort);
  }
}

export const openInWorker = (input: Blob | FolderFile[], fileName: string, signal?: AbortSignal) =>
  job(signal, (remote, id) => remote.open(id, input, fileName));

export const pullInWorker = (reference: string, credentials: Credentials | undefined, signal?: AbortSignal) =>
  job(signal, (remote, id) => remote.openRegistry(id, reference, credentials));

export const viewInWorker = () => worker.call((remote) => remote.view());

export const referrersInWorker = (subject: Digest, signal?: AbortSignal) => job(signal, (remote, id) => remote.referrers(id, subject));

export const imageTarInWorker = () => worker.call((remote) => remote.imageTar());

export const selectManifestInWorker = (manifest: Digest) => worker.call((remote) => remote.select(manifest));

export interface VerifyCallbacks {
  onProgress(p: VerifyProgress): void;
  onBlob(result: BlobVerification): void;
  onLayer(result: LayerVerification): void;
}

export const verifyInWorker = (callbacks: VerifyCallbacks, signal: AbortSignal) =>
  job(signal, (remote, id) => remote.verify(id, Comlink.proxy(callbacks.onProgress), Comlink.proxy(callbacks.onBlob), Comlink.proxy(callbacks.onLayer)));

/** The layers' listings, merged: the summary; the tree and efficiency follow (below). */
export const analyseInWorker = (onProgress: (p: VerifyProgress) => void, signal: AbortSignal) =>
  job(signal, (remote, id) => remote.analyse(id, Comlink.proxy(onProgress)));

/** The merged tree of the last analyse, its rows in pages (tree-pages.ts), each in its own task. */
export async function mergedTreeInWorker(signal: AbortSignal): Promise<FsTreeNode[]> {
  const rows = await worker.call((remote) => remote.mergedTree());
  const tree = new TreeAssembler();
  for (let at = 0; at < rows; at += TREE_PAGE_ROWS) {
    signal.throwIfAborted();
    tree.add(await worker.call((remote) => remote.treeRows(at, at + TREE_PAGE_ROWS)));
  }
  return tree.roots;
}

/** dive's efficiency of the last analyse. */
export const efficiencyInWorker = () => worker.call((remote) => remote.efficiency());

export const layerRowsInWorker = (layer: number, start: number, end: number) => worker.call((remote) => remote.layerRows(layer, start, end));

export const previewInWorker = (request: FileRequest, signal?: AbortSignal) => job(signal, (remote, id) => remote.preview(id, request));

export const downloadInWorker = (request: FileRequest, signal?: AbortSignal) => job(signal, (remote, id) => remote.download(id, request));

export const anatomyInWorker = (request: FileRequest, signal?: AbortSignal) => job(signal, (remote, id) => remote.anatomy(id, request));

export const compareInWorker = (target: CompareTarget, onProgress: (p: VerifyProgress & { side: 'A' | 'B' }) => void, signal: AbortSignal) =>
  job(signal, (remote, id) => remote.compare(id, target, Comlink.proxy(onProgress)));

export const compareRowsInWorker = (filter: RowFilter, start: number, end: number) => worker.call((remote) => remote.compareRows(filter, start, end));
