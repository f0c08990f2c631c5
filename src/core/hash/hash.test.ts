import { describe, expect, it } from 'vitest';
import { createHash } from 'node:crypto';
import { crc32 as nodeCrc32 } from 'node:zlib';
import { createSha256, iterateBlob, sha256OfBlob, sha256OfBytes } from './sha256.ts';
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
