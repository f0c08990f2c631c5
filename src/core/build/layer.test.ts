import { describe, expect, it } from 'vitest';
import { createHash } from 'node:crypto';
import { gunzipSync } from 'node:zlib';
import { buildLayer, epochSecondsOf } from './layer.ts';
import { GZIP_PIECE_SIZE, gzipPiece } from '../compress/gzip-pieces.ts';
import { tarBlob } from '../tar/write.ts';
import { file } from '../../test-support/image.ts';
import { noise, text } from '../../test-support/bytes.ts';
import type { EntriesLayer } from './spec.ts';
import type { BlobSinkFactory } from '../store/sink.ts';

const sha = (bytes: Uint8Array) => `sha256:${createHash('sha256').update(bytes).digest('hex')}`;
const bytesOf = async (blob: Blob) => new Uint8Array(await blob.arrayBuffer());
const created = '2024-01-02T03:04:05Z';

const bigLayer: EntriesLayer = {
  kind: 'entries',
  entries: [file('a/noise.bin', noise(GZIP_PIECE_SIZE + 1000)), file('a/text.txt', text(3 * GZIP_PIECE_SIZE))],
};

describe('buildLayer', () => {
  it('produces a multi-member gzip whose content is exactly the tar, with matching digests', async () => {
    const progress: number[] = [];
    const built = await buildLayer(bigLayer, { created, onProgress: (p) => progress.push(p.done / p.total) });
    const tar = await bytesOf(tarBlob(bigLayer.entries, { mtime: epochSecondsOf(created) }));
    const gz = await bytesOf(built.blob);

    expect(gunzipSync(gz).equals(tar)).toBe(true);
    expect(built.diffId).toBe(sha(tar));
    expect(built.descriptor).toEqual({
      mediaType: 'application/vnd.oci.image.layer.v1.tar+gzip',
      digest: sha(gz),
      size: gz.byteLength,
    });
    expect(built.tarSize).toBe(tar.byteLength);
    expect(progress.length).toBe(Math.ceil(tar.byteLength / GZIP_PIECE_SIZE));
    expect(progress.at(-1)).toBe(1);
  });

  it('gives the same bytes whatever the parallelism or compressor location', async () => {
    const one = await buildLayer(bigLayer, { created });
    const slowRemote = async (piece: Uint8Array) => {
      await new Promise((r) => setTimeout(r, Math.random() * 20));
      return gzipPiece(piece);
    };
    const three = await buildLayer(bigLayer, { created, compressPiece: slowRemote, parallelism: 3 });
    expect(three.descriptor).toEqual(one.descriptor);
    expect(Buffer.from(await bytesOf(three.blob)).equals(await bytesOf(one.blob))).toBe(true);
  });

  it('lets the compressor take each piece over (as a transfer to another worker does)', async () => {
    const one = await buildLayer(bigLayer, { created });
    const handed: Uint8Array[] = [];
    const takeOver = async (piece: Uint8Array) => {
      handed.push(piece);
      const moved = structuredClone(piece, { transfer: [piece.buffer] });
      await new Promise((r) => setTimeout(r, Math.random() * 20));
      return gzipPiece(moved);
    };
    const moved = await buildLayer(bigLayer, { created, compressPiece: takeOver, parallelism: 2 });
    expect(handed.length).toBeGreaterThan(1);
    expect(handed.every((piece) => piece.byteLength === 0)).toBe(true);
    expect(moved.diffId).toBe(one.diffId);
    expect(moved.tarSize).toBe(one.tarSize);
    expect(moved.descriptor).toEqual(one.descriptor);
  });

  it('stamps created as the default mtime', async () => {
    const built = await buildLayer({ kind: 'entries', entries: [file('f', 'x')] }, { created });
    const tar = gunzipSync(await bytesOf(built.blob));
    const mtime = Number.parseInt(tar.subarray(136, 147).toString(), 8);
    expect(mtime).toBe(Date.UTC(2024, 0, 2, 3, 4, 5) / 1000);
  });

  it('stops when aborted and aborts the sink', async () => {
    const controller = new AbortController();
    let aborted = false;
    const sink: BlobSinkFactory = {
      create: () => ({ write() {}, close: async () => new Blob(), abort: () => void (aborted = true) }),
    };
    const run = buildLayer(bigLayer, {
      created,
      sink,
      signal: controller.signal,
      onProgress: () => controller.abort(new Error('user cancelled')),
    });
    await expect(run).rejects.toThrow('user cancelled');
    expect(aborted).toBe(true);
  });

  it('refuses a created time that is not RFC 3339', async () => {
    await expect(buildLayer(bigLayer, { created: '2024-01-02 03:04:05' })).rejects.toThrow(/not an RFC 3339 time/);
  });
});
