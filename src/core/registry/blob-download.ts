// Downloading one blob into a sink (OPFS in the browser, memory under Node), chunk by chunk, so a
// large layer never sits in memory. The descriptor's size bounds the download: a Content-Length
// that disagrees is refused before reading, a body that runs past it is cut off, one that ends
// short is an error. A connection that breaks off is resumed with `Range` from the byte it
// stopped at (up to MAX_RESUMES times), so a dropped 1 GB layer is not pulled again from its
// start. Hashing is verification's job: it reads the stored blob once, hashing and unpacking it
// in the same pass.

import type { Digest } from '../digest.ts';
import type { BlobSinkFactory } from '../store/sink.ts';
import { pullScope, type RegistryClient } from './client.ts';
import { errorFromResponse, RegistryError } from './errors.ts';
import { pause } from './pause.ts';

/** When the descriptor gives no size: the same ceiling as one layer's uncompressed tar. */
export const MAX_BLOB_BYTES = 32 * 1024 ** 3;

export interface DownloadOptions {
  /** The descriptor's size; -1 or absent when unknown. */
  size?: number;
  sinks: BlobSinkFactory;
  signal?: AbortSignal;
  onBytes?: (bytes: number) => void;
}

/** Times a download that broke off is resumed from where it stopped before it is given up. */
export const MAX_RESUMES = 3;
/** The pause before the n-th resume is n times this: a network that blinked gets a moment. */
const RESUME_PAUSE_MS = 100;

/**
 * How many bytes of a 206 reply to `Range: bytes=<received>-` are stored already: its
 * Content-Range may start earlier than asked (never later). Without the header (a registry whose
 * CORS rules do not expose it to the page) the reply is taken to start where it was asked to.
 */
function overlap(response: Response, received: number, what: string): number {
  const header = response.headers.get('content-range');
  if (header === null) return 0;
  const range = /^bytes (\d+)-\d+\/(?:\d+|\*)$/.exec(header.trim());
  if (!range) throw new RegistryError('protocol', `${what}: the resumed download's Content-Range ${JSON.stringify(header.slice(0, 80))} is not "bytes <first>-<last>/<size>"; not pulled`);
  const start = Number(range[1]);
  if (start > received) throw new RegistryError('protocol', `${what}: asked to resume at byte ${received}, the registry answered from byte ${start}; not pulled`);
  return received - start;
}

export async function downloadBlob(client: RegistryClient, repository: string, digest: Digest, opts: DownloadOptions): Promise<Blob> {
  const what = `Pulling blob ${digest} of ${repository} from ${client.ref.registry}`;
  const known = opts.size !== undefined && opts.size >= 0;
  const limit = known ? opts.size! : MAX_BLOB_BYTES;
  const get = async (from: number) => {
    const headers = from > 0 ? { Range: `bytes=${from}-` } : undefined;
    const response = await client.send({ method: 'GET', url: `/v2/${repository}/blobs/${digest}`, scopes: [pullScope(repository)], headers, signal: opts.signal, what });
    if (!response.ok) throw await errorFromResponse(response, what);
    if (!response.body) throw new RegistryError('protocol', `${what}: the response has no body`);
    return response;
  };
  const first = await get(0);
  const declared = first.headers.get('content-length');
  if (known && declared !== null && /^\d+$/.test(declared) && Number(declared) !== limit) {
    await first.body?.cancel().catch(() => {});
    throw new RegistryError('protocol', `${what}: the registry announces ${declared} bytes, but the descriptor says ${limit}; not pulled`);
  }
  // The space is reserved only for a size the registry confirms (a manifest may claim any size).
  const sink = opts.sinks.create(known && declared !== null && Number(declared) === limit ? limit : undefined);
  let received = 0;
  try {
    for (let response = first, resumes = 0; ; ) {
      // A registry that ignores Range answers 200 from the first byte: skip what is stored already.
      let skip = received;
      try {
        if (response.status === 206) skip = overlap(response, received, what);
      } catch (e) {
        await response.body!.cancel().catch(() => {});
        throw e;
      }
      const reader = response.body!.getReader();
      let broke: Error | undefined;
      try {
        for (;;) {
          let chunk: ReadableStreamReadResult<Uint8Array>;
          try {
            chunk = await reader.read();
          } catch (e) {
            broke = e as Error;
            break;
          }
          if (chunk.done) break;
          let value = chunk.value;
          if (skip > 0) {
            const dropped = Math.min(skip, value.byteLength);
            skip -= dropped;
            value = value.subarray(dropped);
            if (value.byteLength === 0) continue;
          }
          received += value.byteLength;
          if (received > limit) {
            throw new RegistryError('protocol', `${what}: the registry sent more than the ${limit} bytes ${known ? 'the descriptor gives' : 'a blob may have'}; stopped`);
          }
          await sink.write(value);
          opts.onBytes?.(received);
        }
      } finally {
        await reader.cancel().catch(() => {});
        reader.releaseLock();
      }
      if (!broke) break;
      if (opts.signal?.aborted) throw broke;
      // Every byte came and only the end of the response was lost: nothing is left to ask for.
      if (known && received === limit) break;
      // Verification checks every byte's digest afterwards, so a resumed blob is trusted no more than another.
      let next: Response | undefined;
      while (!next) {
        if (!known || resumes >= MAX_RESUMES) {
          throw new RegistryError('network', `${what}: the download broke off after ${received} bytes (${broke.message})${resumes ? ` and ${resumes} resumes` : ''}; verify again to pull it again`);
        }
        resumes++;
        await pause(RESUME_PAUSE_MS * resumes, opts.signal);
        try {
          next = await get(received);
        } catch (e) {
          // No answer or a server error is worth another try; a refusal (auth, 404, 416) is not.
          const retryable = e instanceof RegistryError && (e.kind === 'network' || (e.status ?? 0) >= 500);
          if (!retryable || opts.signal?.aborted) throw e;
          broke = e;
        }
      }
      response = next;
    }
    if (known && received !== limit) throw new RegistryError('protocol', `${what}: the registry sent ${received} of the ${limit} bytes the descriptor gives`);
    return await sink.close();
  } catch (e) {
    sink.abort();
    if (e instanceof RegistryError || opts.signal?.aborted) throw e;
    throw new RegistryError('network', `${what}: the download broke off after ${received} bytes (${(e as Error).message}); verify again to pull it again`);
  }
}
