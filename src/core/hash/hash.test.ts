import { describe, expect, it } from 'vitest';
import { createHash } from 'node:crypto';
import { crc32 as nodeCrc32 } from 'node:zlib';
import { createSha256, iterateBlob, iterateBlobReusing, sha256OfBlob, sha256OfBytes } from './sha256.ts';
import { createCrc32, crc32OfBlob } from './crc32.ts';
import { noise } from '../../test-support/bytes.ts';

const nodeSha = (bytes: Uint8Array) => `sha256:${createHash('sha256').update(bytes).digest('hex')}`;

describe('sha256', () => {
  const data = noise(3_000_000, 7);

  it('matches node:crypto one-shot, streamed in uneven chunks, and from a Blob', async () => {
    expect(await sha256OfBytes(new Uint8Array(0))).toBe(
      'sha256:e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855',
    );
    expect(await sha256OfBytes(data)).toBe(nodeSha(data));
    const hash = await createSha256();
    for (let at = 0; at < data.byteLength; at += 77_777) hash.update(data.subarray(at, at + 77_777));
    expect(hash.digest()).toBe(nodeSha(data));
    const seen: number[] = [];
    expect(await sha256OfBlob(new Blob([data]), (n) => seen.push(n))).toBe(nodeSha(data));
    expect(seen.at(-1)).toBe(data.byteLength);
  });

  it('keeps concurrent hashers independent', async () => {
    const [a, b] = await Promise.all([createSha256(), createSha256()]);
    a.update(data.subarray(0, 10));
    b.update(data.subarray(10, 20));
    expect(a.digest()).toBe(nodeSha(data.subarray(0, 10)));
    expect(b.digest()).toBe(nodeSha(data.subarray(10, 20)));
  });
});

describe('crc32', () => {
  it('matches zlib, streamed and from a Blob', async () => {
    const data = noise(1_000_003, 3);
    const crc = await createCrc32();
    crc.update(data.subarray(0, 500_000));
    crc.update(data.subarray(500_000));
    expect(crc.value()).toBe(nodeCrc32(data));
    expect(await crc32OfBlob(new Blob([data]))).toBe(nodeCrc32(data));
    expect(await crc32OfBlob(new Blob([]))).toBe(0);
    expect(nodeCrc32(new TextEncoder().encode('123456789'))).toBe(0xcbf43926);
    expect(await crc32OfBlob(new Blob(['123456789']))).toBe(0xcbf43926);
  });
});

describe('iterateBlob', () => {
  it('cancels the underlying stream when the consumer stops early', async () => {
    let cancelled = false;
    const stream = new ReadableStream<Uint8Array>({
      pull: (c) => c.enqueue(new Uint8Array(10)),
      cancel: () => void (cancelled = true),
    });
    const fake = { size: Infinity, stream: () => stream } as unknown as Blob;
    for await (const chunk of iterateBlob(fake)) {
      expect(chunk.byteLength).toBe(10);
      break;
    }
    expect(cancelled).toBe(true);
  });
});

describe('iterateBlobReusing', () => {
  const copies = async (blob: Blob) => {
    const chunks: Uint8Array[] = [];
    for await (const chunk of iterateBlobReusing(blob)) chunks.push(chunk.slice());
    return chunks;
  };
  const joined = (chunks: Uint8Array[]) => new Uint8Array(Buffer.concat(chunks));

  it("yields the blob's bytes in chunks of at most 1 MiB, read into one buffer", async () => {
    const data = noise(2 * 1024 * 1024 + 3, 9);
    const chunks = await copies(new Blob([data]));
    expect(nodeSha(joined(chunks))).toBe(nodeSha(data));
    expect(Math.max(...chunks.map((c) => c.byteLength))).toBeLessThanOrEqual(1024 * 1024);
    let buffers = 0;
    let last: ArrayBufferLike | undefined;
    for await (const chunk of iterateBlobReusing(new Blob([data]))) {
      // Each read hands the one buffer back under a new ArrayBuffer; the old one is detached.
      if (last) expect(last.byteLength).toBe(0);
      last = chunk.buffer;
      buffers++;
    }
    expect(buffers).toBeGreaterThanOrEqual(3);
    expect(await copies(new Blob([]))).toEqual([]);
    expect(joined(await copies(new Blob([new Uint8Array([5])])))).toEqual(new Uint8Array([5]));
  });

  it('yields the stream’s own chunks where a Blob stream is not a byte stream, and cancels when stopped early', async () => {
    let cancelled = false;
    let n = 0;
    const stream = new ReadableStream<Uint8Array>({
      pull: (c) => c.enqueue(new Uint8Array(10).fill(++n)),
      cancel: () => void (cancelled = true),
    });
    const fake = { size: Infinity, stream: () => stream } as unknown as Blob;
    const seen: number[] = [];
    for await (const chunk of iterateBlobReusing(fake)) {
      seen.push(chunk[0], chunk.byteLength);
      if (seen.length === 4) break;
    }
    expect(seen).toEqual([1, 10, 2, 10]);
    expect(cancelled).toBe(true);
  });

  it('cancels a byte stream when the consumer stops early', async () => {
    let cancelled = false;
    const stream = new ReadableStream({
      type: 'bytes',
      pull: (c) => c.enqueue(new Uint8Array(10)),
      cancel: () => void (cancelled = true),
    });
    const fake = { size: 1e9, stream: () => stream } as unknown as Blob;
    for await (const chunk of iterateBlobReusing(fake)) {
      expect(chunk.byteLength).toBe(10);
      break;
    }
    expect(cancelled).toBe(true);
  });
});
