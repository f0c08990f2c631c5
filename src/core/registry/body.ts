// Reading a response body under a byte limit: a declared Content-Length over the limit is refused
// before a byte is read, and the stream is cancelled as soon as it runs past the limit (a registry
// can lie about Content-Length, or send none).

export class BodyTooLargeError extends Error {
  override name = 'BodyTooLargeError';
}

export async function readBounded(response: Response, maxBytes: number, what: string): Promise<Uint8Array> {
  const declared = response.headers.get('content-length');
  if (declared !== null && /^\d+$/.test(declared) && Number(declared) > maxBytes) {
    await response.body?.cancel().catch(() => {});
    throw new BodyTooLargeError(`${what}: the registry announces ${declared} bytes, more than the ${maxBytes}-byte limit; not read`);
  }
  if (!response.body) return new Uint8Array(0);
  const reader = response.body.getReader();
  const chunks: Uint8Array[] = [];
  let total = 0;
  try {
    for (;;) {
      const { done, value } = await reader.read();
      if (done) break;
      total += value.byteLength;
      if (total > maxBytes) throw new BodyTooLargeError(`${what}: the registry sent more than the ${maxBytes}-byte limit; not read`);
      chunks.push(value);
    }
  } catch (e) {
    await reader.cancel().catch(() => {});
    throw e;
  } finally {
    reader.releaseLock();
  }
  const out = new Uint8Array(total);
  let at = 0;
  for (const chunk of chunks) {
    out.set(chunk, at);
    at += chunk.byteLength;
  }
  return out;
}
