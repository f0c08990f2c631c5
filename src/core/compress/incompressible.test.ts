import { describe, expect, it } from 'vitest';
import { createHash, randomBytes } from 'node:crypto';
import { gunzipSync, gzipSync as nodeGzip } from 'node:zlib';
import { readFileSync } from 'node:fs';
import { looksIncompressible } from './incompressible.ts';
import { gzipPiece } from './gzip-pieces.ts';

const MiB = 1024 * 1024;
// Deep equality on megabytes of bytes takes Vitest over a minute; a digest compare is exact and instant.
const sha256 = (bytes: Uint8Array) => createHash('sha256').update(bytes).digest('hex');
const text = new TextEncoder().encode('the quick brown fox jumps over the lazy dog 0123456789\n'.repeat(80_000)).subarray(0, 4 * MiB);

describe('looksIncompressible', () => {
  it('says yes for random bytes and for gzip output, no for text, zeros and an ELF binary', () => {
    expect(looksIncompressible(randomBytes(4 * MiB))).toBe(true);
    expect(looksIncompressible(nodeGzip(randomBytes(2 * MiB)))).toBe(true);
    expect(looksIncompressible(text)).toBe(false);
    expect(looksIncompressible(new Uint8Array(4 * MiB))).toBe(false);
    expect(looksIncompressible(readFileSync(process.execPath).subarray(0, 4 * MiB))).toBe(false);
  });

  it('leaves small pieces to deflate', () => {
    expect(looksIncompressible(randomBytes(1000))).toBe(false);
  });
});

describe('gzipPiece', () => {
  it('stores an incompressible piece (no bigger than zlib -6 makes it) and deflates text', async () => {
    const random = randomBytes(4 * MiB);
    const stored = await gzipPiece(random);
    expect(sha256(gunzipSync(stored))).toBe(sha256(random));
    expect(stored.byteLength).toBeLessThanOrEqual(nodeGzip(random, { level: 6 }).byteLength);
    const deflated = await gzipPiece(text);
    expect(sha256(gunzipSync(deflated))).toBe(sha256(text));
    expect(deflated.byteLength).toBeLessThan(text.byteLength / 10);
  });
});
