// Small helpers for tests: collect async byte streams, make deterministic pseudo-random data.

export async function collect(src: AsyncIterable<Uint8Array>): Promise<Uint8Array<ArrayBuffer>> {
  const parts: Uint8Array[] = [];
  let total = 0;
  for await (const part of src) {
    parts.push(part);
    total += part.byteLength;
  }
  const out = new Uint8Array(total);
  let at = 0;
  for (const part of parts) {
    out.set(part, at);
    at += part.byteLength;
  }
  return out;
}

export async function* chunksOf(bytes: Uint8Array, size: number): AsyncGenerator<Uint8Array> {
  for (let at = 0; at < bytes.byteLength; at += size) yield bytes.subarray(at, at + size);
}

/**
 * chunksOf, but every chunk is one buffer read into again, as iterateBlobReusing reads: asking
 * for the next chunk (or the end) empties every earlier one, as a BYOB read does.
 */
export async function* reusedChunksOf(bytes: Uint8Array, size: number): AsyncGenerator<Uint8Array> {
  let buffer = new ArrayBuffer(size);
  for (let at = 0; at < bytes.byteLength; at += size) {
    buffer = structuredClone(buffer, { transfer: [buffer] }); // the views handed out before are emptied
    const piece = bytes.subarray(at, at + size);
    new Uint8Array(buffer).set(piece);
    yield new Uint8Array(buffer, 0, piece.byteLength);
  }
  structuredClone(buffer, { transfer: [buffer] });
}

/** Deterministic bytes (xorshift) that do not compress. */
export function noise(length: number, seed = 1): Uint8Array<ArrayBuffer> {
  const out = new Uint8Array(length);
  let x = seed >>> 0 || 1;
  for (let i = 0; i < length; i++) {
    x ^= x << 13;
    x ^= x >>> 17;
    x ^= x << 5;
    out[i] = x & 0xff;
  }
  return out;
}

/** Text-like bytes that compress well. */
export function text(length: number): Uint8Array<ArrayBuffer> {
  const line = new TextEncoder().encode('the quick brown fox jumps over the lazy dog 0123456789\n');
  const out = new Uint8Array(length);
  for (let i = 0; i < length; i++) out[i] = line[i % line.byteLength];
  return out;
}
