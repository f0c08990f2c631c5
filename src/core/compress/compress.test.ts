import { describe, expect, it } from 'vitest';
import { gunzipSync as nodeGunzip, gzipSync as nodeGzip } from 'node:zlib';
import { execFileSync } from 'node:child_process';
import { GZIP_PIECE_SIZE, cutPieces, gzipPiece } from './gzip-pieces.ts';
import { gunzipStream } from './gunzip.ts';
import { zstdDecompressStream } from './zstd.ts';
import { detectCompression } from './detect.ts';
import { decompressStream } from './decompress.ts';
import { chunksOf, collect, noise, text } from '../../test-support/bytes.ts';

function concat(parts: Uint8Array[]): Uint8Array {
  return new Uint8Array(Buffer.concat(parts));
}

async function pieceGzip(bytes: Uint8Array, pieceSize?: number): Promise<Uint8Array> {
  const members: Uint8Array[] = [];
  for await (const piece of cutPieces(chunksOf(bytes, 100_000), pieceSize)) members.push(await gzipPiece(piece));
  return concat(members);
}

describe('gzip pieces', () => {
  it('cuts at fixed offsets whatever the input chunking', async () => {
    const data = noise(10_000);
    const a = await collect(cutPieces(chunksOf(data, 7), 1024));
    const sizes: number[] = [];
    for await (const p of cutPieces(chunksOf(data, 3000), 1024)) sizes.push(p.byteLength);
    expect(a).toEqual(data);
    expect(sizes).toEqual([...Array(9).fill(1024), 10_000 - 9 * 1024]);
  });

  it('yields one empty piece for empty input, which gzips to a valid member', async () => {
    const pieces = await collect(cutPieces(chunksOf(new Uint8Array(0), 1)));
    expect(pieces.byteLength).toBe(0);
    expect(nodeGunzip(await pieceGzip(new Uint8Array(0))).byteLength).toBe(0);
  });

  it('writes mtime 0, no file name, and the same bytes every time', async () => {
    const member = await gzipPiece(text(5000));
    expect([...member.subarray(0, 4)]).toEqual([0x1f, 0x8b, 8, 0]); // FLG 0: no FNAME
    expect([...member.subarray(4, 8)]).toEqual([0, 0, 0, 0]); // MTIME 0
    expect(await gzipPiece(text(5000))).toEqual(member);
  });

  it('node:zlib gunzips the multi-member stream to the exact input', async () => {
    const data = concat([text(GZIP_PIECE_SIZE + 123), noise(GZIP_PIECE_SIZE)]);
    const gz = await pieceGzip(data);
    expect(nodeGunzip(gz).equals(Buffer.from(data))).toBe(true);
  });

  it('GNU gzip reads it too', async () => {
    const data = text(3 * 1024 + 5);
    const gz = await pieceGzip(data, 1024);
    const out = execFileSync('gzip', ['-dc'], { input: gz });
    expect(out.equals(Buffer.from(data))).toBe(true);
  });
});

describe('gunzipStream', () => {
  it('decodes every member, whatever the chunking', async () => {
    const data = concat([text(50_000), noise(20_000)]);
    const gz = await pieceGzip(data, 8192);
    for (const size of [1, 13, 4096, 1 << 20]) {
      if (size === 1 && gz.byteLength > 30_000) continue;
      expect(await collect(gunzipStream(chunksOf(gz, size), { maxOutput: 1e9 }))).toEqual(data);
    }
  });

  it('reads what node:zlib wrote', async () => {
    const data = text(100_000);
    const out = await collect(gunzipStream(chunksOf(nodeGzip(data), 999), { maxOutput: 1e9 }));
    expect(out).toEqual(data);
  });

  it('refuses output beyond the budget (decompression bomb)', async () => {
    const bomb = nodeGzip(new Uint8Array(50_000_000));
    await expect(collect(gunzipStream(chunksOf(bomb, 4096), { maxOutput: 1_000_000 }))).rejects.toThrow(
      /exceeds the budget of 1000000 bytes/,
    );
  });

  it('names a truncated stream and its offset', async () => {
    const gz = nodeGzip(noise(10_000));
    const cut = gz.subarray(0, 5000);
    await expect(collect(gunzipStream(chunksOf(cut, 1000), { maxOutput: 1e9 }))).rejects.toThrow(
      /truncated or corrupt gzip stream at its end \(compressed bytes 5000\.\.5000\)/,
    );
  });

  it('names corrupt data with its compressed offset', async () => {
    const gz = Buffer.from(nodeGzip(noise(10_000)));
    gz[2] = 7; // compression method other than deflate
    await expect(collect(gunzipStream(chunksOf(gz, 1000), { maxOutput: 1e9 }))).rejects.toThrow(
      /corrupt gzip data \(compressed bytes 0\.\.1000\)/,
    );
  });

  it('refuses an empty stream', async () => {
    await expect(collect(gunzipStream(chunksOf(new Uint8Array(0), 1), { maxOutput: 10 }))).rejects.toThrow(/empty/);
  });
});

function zstd(input: Uint8Array, args: string[] = []): Uint8Array {
  return execFileSync('zstd', ['-q', '-c', ...args], { input });
}

describe('zstdDecompressStream', () => {
  it('decodes what the zstd tool wrote, in any chunking', async () => {
    const data = concat([text(300_000), noise(100_000)]);
    const z = zstd(data);
    for (const size of [997, 4096, 1 << 20]) {
      expect(await collect(zstdDecompressStream(chunksOf(z, size), { maxOutput: 1e9 }))).toEqual(data);
    }
  });

  it('decodes several concatenated frames and skippable frames', async () => {
    const skippable = new Uint8Array([0x50, 0x2a, 0x4d, 0x18, 3, 0, 0, 0, 9, 9, 9]);
    const z = concat([zstd(text(1000)), skippable, zstd(noise(1000))]);
    const out = await collect(zstdDecompressStream(chunksOf(z, 5), { maxOutput: 1e9 }));
    expect(out).toEqual(concat([text(1000), noise(1000)]));
  });

  it('refuses a frame header declaring a huge window before allocating it', async () => {
    // Frame header: magic, FHD (no single segment, no checksum), window descriptor 2^31 - a bit.
    const header = new Uint8Array([0x28, 0xb5, 0x2f, 0xfd, 0x00, (20 << 3) | 7, 1, 0, 0]);
    await expect(collect(zstdDecompressStream(chunksOf(header, 3), { maxOutput: 1e9 }))).rejects.toThrow(
      /frame at compressed offset 0 declares a \d+-byte window, over the 134217728-byte limit/,
    );
  });

  it('refuses output beyond the budget', async () => {
    const z = zstd(new Uint8Array(20_000_000));
    await expect(collect(zstdDecompressStream(chunksOf(z, 4096), { maxOutput: 100_000 }))).rejects.toThrow(
      /zstd: decompressed output exceeds the budget of 100000 bytes/,
    );
  });

  it('names a truncated stream', async () => {
    const z = zstd(noise(50_000));
    await expect(
      collect(zstdDecompressStream(chunksOf(z.subarray(0, 20_000), 4096), { maxOutput: 1e9 })),
    ).rejects.toThrow(/zstd: stream truncated inside a frame \(unit starting at compressed offset \d+\)/);
  });

  // Frame header with a 128 KiB window, then RLE blocks that each claim 128 KiB from 4 bytes.
  const rleBomb = (blocks: number) => {
    const out = [0x28, 0xb5, 0x2f, 0xfd, 0x00, 7 << 3];
    for (let i = 0; i < blocks; i++) out.push(0x02 | (i === blocks - 1 ? 1 : 0), 0x00, 0x10, 0x41);
    return new Uint8Array(out);
  };

  it('decodes RLE blocks one at a time and stops at the budget', async () => {
    expect((await collect(zstdDecompressStream(chunksOf(rleBomb(3), 64 * 1024), { maxOutput: 1e9 }))).byteLength).toBe(3 * 131072);
    let largest = 0;
    const run = async () => {
      for await (const piece of zstdDecompressStream(chunksOf(rleBomb(50_000), 64 * 1024), { maxOutput: 10_000_000 })) {
        largest = Math.max(largest, piece.byteLength);
      }
    };
    await expect(run()).rejects.toThrow(/zstd: decompressed output exceeds the budget of 10000000 bytes/);
    expect(largest).toBeLessThanOrEqual(131072);
  });

  it('refuses a block larger than 128 KiB and a huge single-segment content size', async () => {
    const bigBlock = new Uint8Array([0x28, 0xb5, 0x2f, 0xfd, 0x00, 7 << 3, 0x01, 0x00, 0x20]);
    await expect(collect(zstdDecompressStream(chunksOf(bigBlock, 4), { maxOutput: 1e9 }))).rejects.toThrow(
      /block at compressed offset 6 declares 262144 bytes, over the 131072-byte maximum/,
    );
    // FHD: 4-byte content size, single segment; content size 2^31.
    const singleSegment = new Uint8Array([0x28, 0xb5, 0x2f, 0xfd, 0xa0, 0, 0, 0, 0x80]);
    await expect(collect(zstdDecompressStream(chunksOf(singleSegment, 2), { maxOutput: 1e12 }))).rejects.toThrow(
      /declares a 2147483648-byte window/,
    );
  });
});

describe('detectCompression and decompressStream', () => {
  it('recognises magic bytes', () => {
    expect(detectCompression(nodeGzip(text(10)))).toBe('gzip');
    expect(detectCompression(zstd(text(10)))).toBe('zstd');
    expect(detectCompression(text(10))).toBe('none');
    expect(detectCompression(new Uint8Array([0x1f]))).toBe('none');
  });

  it('dispatches and budgets uncompressed streams too', async () => {
    const data = text(10_000);
    expect(await collect(decompressStream(chunksOf(zstd(data), 100), 'zstd', { maxOutput: 1e6 }))).toEqual(data);
    expect(await collect(decompressStream(chunksOf(nodeGzip(data), 100), 'gzip', { maxOutput: 1e6 }))).toEqual(data);
    await expect(collect(decompressStream(chunksOf(data, 100), 'none', { maxOutput: 5000 }))).rejects.toThrow(
      /exceeds the budget/,
    );
  });
});
