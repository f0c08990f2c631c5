// The registry Web Worker: pushes the composer's image to a registry through comlink. Blobs arrive
// as Blobs (OPFS files and slices, never read here except by fetch as request bodies); the
// person's credentials arrive with each call and stay in this worker's memory, as do the tokens.

import * as Comlink from 'comlink';
import type { Digest } from '../core/digest.ts';
import type { ImageIndex } from '../core/image/model.ts';
import { RegistryClient } from '../core/registry/client.ts';
import type { Credentials } from '../core/registry/http-types.ts';
import { pushImageIndex, type BlobPushProgress } from '../core/registry/push.ts';
import { parsePushTarget } from '../core/registry/reference.ts';
import { TokenCache } from '../core/registry/tokens.ts';
import { createJobRegistry } from './jobs.ts';

const jobs = createJobRegistry();
const tokens = new TokenCache();

/** Progress per blob: every change of state at once, bytes at most every 100 ms. */
function perBlob(report: (p: BlobPushProgress) => void): (p: BlobPushProgress) => void {
  const last = new Map<Digest, { state: string; at: number }>();
  return (p) => {
    const now = performance.now();
    const before = last.get(p.digest);
    if (before && before.state === p.state && now - before.at < 100 && p.sent !== p.size) return;
    last.set(p.digest, { state: p.state, at: now });
    report(p);
  };
}

const api = {
  /** Pushes `layout` to `target` (`host/repo:tag`); `mountFrom` names repositories of that registry holding a blob. */
  push(jobId: string, layout: ImageIndex, target: string, credentials: Credentials | undefined, mountFrom: Record<string, string[]>, onProgress: (p: BlobPushProgress) => void) {
    return jobs.run(jobId, (signal, deliver) => {
      const ref = parsePushTarget(target);
      const client = new RegistryClient(ref, { fetch: (url, init) => fetch(url, init), credentials, origin: self.location.origin, tokens });
      return pushImageIndex(client, { repository: ref.repository, tag: ref.tag }, layout, { signal, onProgress: perBlob(deliver(onProgress)), mountFrom: (digest) => mountFrom[digest] ?? [] });
    });
  },
  cancel(jobId: string): void {
    jobs.cancel(jobId);
  },
};

export type RegistryApi = typeof api;

Comlink.expose(api);
