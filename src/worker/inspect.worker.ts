// The inspection Web Worker: opens one archive (or pulls one image from a registry) at a time and
// answers the UI's questions about it through comlink. All indexing, parsing, decompression,
// hashing and registry requests happen here; pulled layers go to OPFS. Long calls take a job id
// so the UI can cancel them; progress is throttled.

import * as Comlink from 'comlink';
import type { Digest } from '../core/digest.ts';
import type { FolderFile } from '../core/formats/folder/read.ts';
import type { BlobVerification, LayerVerification } from '../core/inspect/verify.ts';
import { createJobRegistry, throttled } from './jobs.ts';
import { openSession, type InspectSession } from '../core/inspect/session.ts';
import { openRegistrySession, type PulledSession } from '../core/inspect/pull.ts';
import type { FileRequest, VerifyProgress } from '../core/inspect/views.ts';
import { compareWith, type CompareTarget } from '../core/inspect/compare-target.ts';
import type { Comparison, RowFilter } from '../core/inspect/compare.ts';
import type { Credentials } from '../core/registry/http-types.ts';
import { TokenCache } from '../core/registry/tokens.ts';
import { memorySinkFactory } from '../core/store/memory.ts';
import { createOpfsSinkFactory } from './opfs-sink.ts';
import { createHashPool, type HashPool, type HashReply, type HashRequest } from './hash-pool.ts';
import type { RemoteHelperHost } from './helper-host.ts';
import { hostedWorker } from './hosted-worker.ts';

const jobs = createJobRegistry();
// Blobs are hashed by helpers on the other cores while this worker decompresses and lists layers.
// The page starts them (useHelperHost); until it has said how, this worker hashes alone.
let hashPool: HashPool | undefined;
let session: InspectSession | undefined;
/** The last comparison of the open image with another; its rows are handed out a page at a time. */
let comparison: Comparison | undefined;
let pulled: PulledSession | undefined;
// Registry tokens outlive one pull: opening the same repository again asks the realm for nothing.
const tokens = new TokenCache();
// Pulled layers go to this worker's own OPFS folder (the engine's retainBlobs never sees it).
let pulledBlobs: ReturnType<typeof createOpfsSinkFactory> | undefined;

function current(): InspectSession {
  if (!session) throw new Error('No archive is open.');
  return session;
}

const api = {
  /** How this worker gets hashing helpers: the page starts them (helper-host.ts). */
  useHelperHost(host: RemoteHelperHost): void {
    hashPool = createHashPool({
      size: Math.max(1, Math.min(3, (navigator.hardwareConcurrency || 2) - 1)),
      createWorker: (index) => hostedWorker<HashRequest, HashReply>(host, `layerpad-hash-${index}`),
    });
  },
  async open(jobId: string, input: Blob | FolderFile[], fileName: string) {
    // The open session stays in use until the new archive has opened: a bad file loses nothing.
    return jobs.run(jobId, async (signal) => {
      const opened = await openSession(input, fileName, signal);
      session = opened;
      comparison = undefined;
      pulled = undefined;
      return opened.view;
    });
  },
  /** Reads an image's structure from a registry; its layers are pulled when first needed. */
  async openRegistry(jobId: string, reference: string, credentials: Credentials | undefined) {
    return jobs.run(jobId, async (signal) => {
      pulledBlobs ??= createOpfsSinkFactory();
      const sinks = (await pulledBlobs) ?? memorySinkFactory;
      const opened = await openRegistrySession(reference, { fetch: (url, init) => fetch(url, init), sinks, credentials, origin: self.location.origin, tokens }, signal);
      session = opened;
      pulled = opened;
      comparison = undefined;
      return opened.view;
    });
  },
  /** The view again (a pulled image's changes once it has verified). */
  view() {
    return current().view;
  },
  /** What refers to `subject` in the pulled image's repository. */
  referrers(jobId: string, subject: Digest) {
    const from = pulled;
    if (!from) throw new Error('No image was pulled from a registry.');
    return jobs.run(jobId, (signal) => from.referrers(subject, signal));
  },
  /** The selected image as an image tar, once it is the image model. */
  imageTar() {
    return current().imageTar();
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
    return jobs.run(jobId, (signal, deliver) => {
      const progress = throttled(deliver(onProgress));
      return current().verify({ signal, onBlob: deliver(onBlob), onLayer: deliver(onLayer), hashBlob: hashPool?.hash, hashStream: hashPool?.stream, onProgress: (done, total) => progress({ done, total }) });
    });
  },
  analyse(jobId: string, onProgress: (p: VerifyProgress) => void) {
    return jobs.run(jobId, (signal, deliver) => current().analyse({ signal, onProgress: throttled(deliver(onProgress)) }));
  },
  layerRows(layer: number, start: number, end: number) {
    return current().layerRows(layer, start, end);
  },
  mergedTree() {
    return current().mergedTree();
  },
  efficiency() {
    return current().efficiency();
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
  anatomy(jobId: string, request: FileRequest) {
    return jobs.run(jobId, (signal) => current().anatomy(request, signal));
  },
  compare(jobId: string, target: CompareTarget, onProgress: (p: VerifyProgress & { side: 'A' | 'B' }) => void) {
    return jobs.run(jobId, async (signal, deliver) => {
      const progress = throttled(deliver(onProgress as (p: VerifyProgress) => void));
      comparison = await compareWith(current(), target, { signal, onProgress: progress });
      return comparison.view;
    });
  },
  compareRows(filter: RowFilter, start: number, end: number) {
    if (!comparison) throw new Error('Nothing is being compared.');
    return comparison.rows(filter, start, end);
  },
  cancel(jobId: string): void {
    jobs.cancel(jobId);
  },
};

export type InspectApi = typeof api;

Comlink.expose(api);
