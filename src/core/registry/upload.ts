// Pushing one blob (distribution spec "Pushing blobs"): HEAD first, and nothing is sent when the
// repository has it; else a cross-repository mount from a repository of the same registry known
// to hold it; else an upload: POST opens a session (202 + Location), then the bytes go in one PUT
// `?digest=` when they fit one chunk, or in PATCHes with inclusive `Content-Range` and a closing
// PUT. Every response hands out the next Location. When a request fails (the connection drops, a
// 5xx, a 416 for a chunk out of order), the session's status (GET Location -> `Range: 0-<last>`)
// says how much arrived, and the upload carries on from there instead of starting over. A registry
// that discarded the session (distribution 2.8 does when an interrupted PATCH left part of its
// bytes) gets the blob again from the start; both are said in the progress notes.

import type { Digest } from '../digest.ts';
import type { RegistryClient } from './client.ts';
import { errorFromResponse, RegistryAuthError, RegistryError } from './errors.ts';
import { pause } from './pause.ts';

export const DEFAULT_CHUNK_BYTES = 32 * 1024 * 1024;
const MAX_CHUNK_BYTES = 1024 * 1024 * 1024;
const MAX_ATTEMPTS = 6;
const MAX_HEADER_LENGTH = 8 * 1024;

export type BlobPushState = 'checking' | 'exists' | 'mounted' | 'uploading' | 'resuming' | 'pushed';

export interface BlobPushProgress {
  digest: Digest;
  size: number;
  state: BlobPushState;
  /** Bytes the registry has acknowledged. */
  sent: number;
  note?: string;
}

export interface PushBlobOptions {
  /** Scopes every request of the push asks for (push on the target, pull on mount sources). */
  scopes: readonly string[];
  /** Repositories on this registry that hold the blob, to mount it from. */
  mountFrom?: readonly string[];
  chunkBytes?: number;
  signal?: AbortSignal;
  onProgress?: (progress: BlobPushProgress) => void;
  /** Milliseconds before retry `n` (tests shorten it). */
  backoff?: (attempt: number) => number;
}

export async function pushBlob(client: RegistryClient, repository: string, blob: Blob, digest: Digest, opts: PushBlobOptions): Promise<BlobPushState> {
  const report = (state: BlobPushState, sent: number, note?: string) => opts.onProgress?.({ digest, size: blob.size, state, sent, ...(note ? { note } : {}) });
  const send = (method: 'HEAD' | 'GET' | 'POST' | 'PUT' | 'PATCH', url: string, what: string, extra: { headers?: Record<string, string>; body?: Blob } = {}) =>
    client.send({ method, url, scopes: opts.scopes, signal: opts.signal, what, ...extra });
  const what = `Pushing blob ${digest} to ${repository} on ${client.ref.registry}`;

  report('checking', 0);
  const head = await send('HEAD', `/v2/${repository}/blobs/${digest}`, `${what} (checking whether it is there)`);
  if (head.ok) {
    report('exists', blob.size, 'already in the repository');
    return 'exists';
  }
  if (head.status !== 404) throw await errorFromResponse(head, what);

  let session: string | undefined;
  for (const from of opts.mountFrom ?? []) {
    const query = new URLSearchParams({ mount: digest, from });
    try {
      const mount = await send('POST', `/v2/${repository}/blobs/uploads/?${query}`, `${what} (mounting it from ${from})`);
      if (mount.status === 201) {
        report('mounted', blob.size, `mounted from ${from}`);
        return 'mounted';
      }
      if (mount.status === 202) {
        session = locationOf(mount, what, client.origin); // the registry opened an ordinary upload instead
        break;
      }
      await mount.body?.cancel().catch(() => {});
    } catch (e) {
      if (!(e instanceof RegistryAuthError)) throw e; // no pull right on the source: upload instead
    }
  }

  const chunk = Math.min(Math.max(opts.chunkBytes ?? DEFAULT_CHUNK_BYTES, 1), MAX_CHUNK_BYTES);
  const open = async (): Promise<{ location: string; chunk: number }> => {
    const started = await send('POST', `/v2/${repository}/blobs/uploads/`, `${what} (starting the upload)`);
    if (started.status !== 202) throw await errorFromResponse(started, what);
    const minimum = Number(started.headers.get('oci-chunk-min-length') ?? 0);
    return { location: locationOf(started, what, client.origin), chunk: Number.isSafeInteger(minimum) && minimum > chunk ? Math.min(minimum, MAX_CHUNK_BYTES) : chunk };
  };
  let { location, chunk: size } = session ? { location: session, chunk } : await open();
  let offset = 0;
  let attempt = 0;
  report('uploading', 0);

  const withDigest = (url: string) => {
    const next = new URL(url, client.origin);
    next.searchParams.set('digest', digest);
    return next.href;
  };
  /** After a failure: how far the registry got, or a new session when it lost this one. */
  const recover = async (cause: Error): Promise<void> => {
    if (++attempt >= MAX_ATTEMPTS) throw new RegistryError('network', `${what}: gave up after ${MAX_ATTEMPTS} attempts; the last failure: ${cause.message}`);
    await pause(opts.backoff?.(attempt) ?? Math.min(250 * 2 ** attempt, 4000), opts.signal);
    let status: Response | undefined;
    try {
      status = await send('GET', location, `${what} (asking how much arrived)`);
    } catch (e) {
      if (opts.signal?.aborted || !(e instanceof RegistryError) || e.kind !== 'network') throw e;
    }
    const end = status?.status === 204 ? rangeEnd(status, blob.size) : null;
    if (status && end !== null) {
      location = locationOf(status, what, client.origin);
      offset = end;
      report('resuming', offset, `the connection broke; the registry has ${offset} of ${blob.size} bytes, resuming from there`);
      return;
    }
    await status?.body?.cancel().catch(() => {});
    ({ location, chunk: size } = await open());
    offset = 0;
    report('resuming', 0, 'the registry discarded the interrupted upload; sending this blob again from the start');
  };

  for (;;) {
    opts.signal?.throwIfAborted();
    const whole = offset === 0 && blob.size <= size;
    try {
      if (whole) {
        const put = await send('PUT', withDigest(location), what, { headers: { 'Content-Type': 'application/octet-stream' }, body: blob });
        if (put.status === 201) return finished(put);
        if (retryable(put.status)) throw await errorFromResponse(put, what);
        throw fatal(await errorFromResponse(put, what));
      }
      if (offset >= blob.size) {
        const put = await send('PUT', withDigest(location), `${what} (closing the upload)`);
        if (put.status === 201) return finished(put);
        if (retryable(put.status)) throw await errorFromResponse(put, what);
        throw fatal(await errorFromResponse(put, what));
      }
      const end = Math.min(offset + size, blob.size);
      const patch = await send('PATCH', location, what, {
        headers: { 'Content-Type': 'application/octet-stream', 'Content-Range': `${offset}-${end - 1}` },
        body: blob.slice(offset, end),
      });
      if (patch.status !== 202) {
        const failure = await errorFromResponse(patch, what);
        if (patch.status === 416 || retryable(patch.status)) throw failure;
        throw fatal(failure);
      }
      location = locationOf(patch, what, client.origin);
      const acknowledged = rangeEnd(patch, blob.size);
      offset = acknowledged ?? end;
      report('uploading', offset);
    } catch (e) {
      if (opts.signal?.aborted || e instanceof Fatal || e instanceof RegistryAuthError) throw e instanceof Fatal ? e.error : e;
      if (!(e instanceof RegistryError)) throw e;
      await recover(e);
    }
  }

  function finished(put: Response): BlobPushState {
    const stored = put.headers.get('docker-content-digest');
    if (stored !== null && stored !== digest) throw new RegistryError('protocol', `${what}: the registry stored the blob as ${stored.slice(0, 100)}, not ${digest}`);
    report('pushed', blob.size);
    return 'pushed';
  }
}

/** A failure that another attempt cannot fix. */
class Fatal extends Error {
  constructor(readonly error: RegistryError) {
    super(error.message);
  }
}
const fatal = (error: RegistryError) => new Fatal(error);
const retryable = (status: number) => status >= 500 || status === 408 || status === 429;

/** The upload URL a response hands out, resolved against the registry; a response without one is a protocol error. */
function locationOf(response: Response, what: string, base: string): string {
  const location = response.headers.get('location');
  if (!location || location.length > MAX_HEADER_LENGTH) {
    throw new RegistryError('protocol', `${what}: the registry gave no usable Location for the upload (a registry used from a browser must expose Location: Access-Control-Expose-Headers)`);
  }
  return new URL(location, response.url || base).href;
}

/** Bytes the registry holds, from `Range: 0-<last>` (inclusive); null when absent, unreadable or past the blob. */
export function rangeEnd(response: Response, blobSize: number): number | null {
  const range = response.headers.get('range');
  const match = range && range.length <= 64 ? /^(?:bytes=)?0-(\d{1,16})$/.exec(range.trim()) : null;
  if (!match) return null;
  const last = Number(match[1]);
  // distribution answers "0-0" for an empty upload as well as for one byte; an empty one is the safe reading.
  if (last === 0) return 0;
  return last + 1 <= blobSize ? last + 1 : null;
}
