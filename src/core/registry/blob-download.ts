// Downloading one blob into a sink (OPFS in the browser, memory under Node), chunk by chunk, so a
// large layer never sits in memory. The descriptor's size bounds the download: a Content-Length
// that disagrees is refused before reading, a body that runs past it is cut off, one that ends
// short is an error. Hashing is verification's job: it reads the stored blob once, hashing and
// unpacking it in the same pass.

import type { Digest } from '../digest.ts';
import type { BlobSinkFactory } from '../store/sink.ts';
import { pullScope, type RegistryClient } from './client.ts';
import { errorFromResponse, RegistryError } from './errors.ts';

/** When the descriptor gives no size: the same ceiling as one layer's uncompressed tar. */
export const MAX_BLOB_BYTES = 32 * 1024 ** 3;

export interface DownloadOptions {
  /** The descriptor's size; -1 or absent when unknown. */
  size?: number;
  sinks: BlobSinkFactory;
  signal?: AbortSignal;
  onBytes?: (bytes: number) => void;
}

export async function downloadBlob(client: RegistryClient, repository: string, digest: Digest, opts: DownloadOptions): Promise<Blob> {
  const what = `Pulling blob ${digest} of ${repository} from ${client.ref.registry}`;
  const response = await client.send({ method: 'GET', url: `/v2/${repository}/blobs/${digest}`, scopes: [pullScope(repository)], signal: opts.signal, what });
  if (!response.ok) throw await errorFromResponse(response, what);
  const known = opts.size !== undefined && opts.size >= 0;
  const limit = known ? opts.size! : MAX_BLOB_BYTES;
  const declared = response.headers.get('content-length');
  if (known && declared !== null && /^\d+$/.test(declared) && Number(declared) !== limit) {
    await response.body?.cancel().catch(() => {});
    throw new RegistryError('protocol', `${what}: the registry announces ${declared} bytes, but the descriptor says ${limit}; not pulled`);
  }
  if (!response.body) throw new RegistryError('protocol', `${what}: the response has no body`);
  const sink = opts.sinks.create();
  const reader = response.body.getReader();
  let received = 0;
  try {
    for (;;) {
      const { done, value } = await reader.read();
      if (done) break;
      received += value.byteLength;
      if (received > limit) {
        throw new RegistryError('protocol', `${what}: the registry sent more than the ${limit} bytes ${known ? 'the descriptor gives' : 'a blob may have'}; stopped`);
      }
      await sink.write(value);
      opts.onBytes?.(received);
    }
    if (known && received !== limit) throw new RegistryError('protocol', `${what}: the registry sent ${received} of the ${limit} bytes the descriptor gives`);
    return await sink.close();
  } catch (e) {
    sink.abort();
    await reader.cancel().catch(() => {});
    if (e instanceof RegistryError || opts.signal?.aborted) throw e;
    throw new RegistryError('network', `${what}: the download broke off after ${received} bytes (${(e as Error).message}); verify again to pull it again`);
  } finally {
    reader.releaseLock();
  }
}
