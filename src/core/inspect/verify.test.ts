import { describe, expect, it } from 'vitest';
import { execFileSync } from 'node:child_process';
import { gzipSync } from 'fflate';
import { inspectArchive } from '../formats/open.ts';
import { verifyImage } from './verify.ts';
import { listLayer, type LayerListing } from './layer-entries.ts';
import { bytesOf, fileEntry, ociFixture, packTar } from '../../test-support/inspect-fixtures.ts';
import { tarBlob } from '../tar/write.ts';
import { hexOf } from '../digest.ts';
import { sha256OfBlob, sha256OfBytes } from '../hash/sha256.ts';
import { requireTool } from '../../test-support/oracle.ts';

const layers = () => [
  { entries: [fileEntry('etc/motd', 'hello\n')] },
  { entries: [fileEntry('srv/data', 'x'.repeat(20_000))], compression: 'none' as const },
];

describe('verifyImage', () => {
  it('verifies every blob and diff_id, with monotonic progress to the total', async () => {
    const fx = await ociFixture(layers());
    const image = await inspectArchive(packTar(fx.members));
    const seen: [number, number][] = [];
    const report = await verifyImage(image, { onProgress: (d, t) => seen.push([d, t]) });
    expect([...report.blobs.values()].map((b) => [b.role, b.status])).toEqual([['manifest', 'verified'], ['config', 'verified'], ['layer', 'verified'], ['layer', 'verified']]);
    expect(report.layers.map((l) => [l.status, l.actualDiffId])).toEqual([['verified', fx.layers[0].diffId], ['verified', fx.layers[1].diffId]]);
    expect(report.layers[1].tarSize).toBe(fx.layers[1].tar.length);
    const total = fx.manifest.bytes.length + fx.config.bytes.length + fx.layers[0].blob.length + fx.layers[1].blob.length;
    expect(seen.at(-1)).toEqual([total, total]);
    expect(seen.every(([d], i) => i === 0 || d >= seen[i - 1][0])).toBe(true);
  });

  it('counts a blob still to be pulled twice, downloaded then checked, so progress moves during the download', async () => {
    const fx = await ociFixture(layers());
    const image = await inspectArchive(packTar(fx.members));
    const layerRef = image.blobs.get(image.layers[0].descriptor.sha256!)!;
    const stored = layerRef.blob!;
    const during: number[] = [];
    let last = 0;
    delete layerRef.blob;
    layerRef.fetch = async ({ onBytes }) => {
      for (const received of [1, Math.floor(stored.size / 2), stored.size]) {
        onBytes?.(received);
        during.push(last);
      }
      return stored;
    };
    const seen: [number, number][] = [];
    const report = await verifyImage(image, { onProgress: (d, t) => seen.push([(last = d), t]) });
    expect(report.layers.map((l) => l.status)).toEqual(['verified', 'verified']);
    const total = fx.manifest.bytes.length + fx.config.bytes.length + 2 * fx.layers[0].blob.length + fx.layers[1].blob.length;
    expect(seen.at(-1)).toEqual([total, total]);
    expect(seen.every(([d], i) => i === 0 || d >= seen[i - 1][0])).toBe(true);
    // Each byte count from the registry moved the bar before the blob was in hand.
    expect(during[2] - during[0]).toBe(stored.size - 1);
  });

  it('a blob that cannot be pulled is unverified, and the bar still ends at its total', async () => {
    const fx = await ociFixture(layers());
    const image = await inspectArchive(packTar(fx.members));
    const layerRef = image.blobs.get(image.layers[0].descriptor.sha256!)!;
    delete layerRef.blob;
    layerRef.fetch = async ({ onBytes }) => {
      onBytes?.(5);
      throw new Error('the download broke off after 5 bytes');
    };
    const seen: [number, number][] = [];
    const report = await verifyImage(image, { onProgress: (d, t) => seen.push([d, t]) });
    expect(report.blobs.get(image.layers[0].descriptor.digest)).toMatchObject({ status: 'unverified', message: expect.stringMatching(/could not be pulled: the download broke off/) });
    const [done, total] = seen.at(-1)!;
    expect(done).toBe(total);
  });

  it('a blob whose reading fails partway is unverified, and the bar still ends at its total', async () => {
    const fx = await ociFixture(layers());
    const image = await inspectArchive(packTar(fx.members));
    const layerRef = image.blobs.get(image.layers[0].descriptor.sha256!)!;
    const stored = layerRef.blob!;
    /** The blob's first half, then a read error, however it is read. */
    class BreaksHalfway extends Blob {
      override stream() {
        let sent = false;
        return new ReadableStream<Uint8Array<ArrayBuffer>>({
          pull: async (c) => {
            if (sent) return c.error(new Error('the disk went away'));
            c.enqueue(new Uint8Array(await stored.slice(0, Math.floor(stored.size / 2)).arrayBuffer()));
            sent = true;
          },
        });
      }
      override slice(): Blob {
        return this;
      }
      override arrayBuffer(): Promise<ArrayBuffer> {
        return Promise.reject(new Error('the disk went away'));
      }
    }
    layerRef.blob = new BreaksHalfway([await stored.arrayBuffer()]);
    const seen: [number, number][] = [];
    const report = await verifyImage(image, { onProgress: (d, t) => seen.push([d, t]) });
    expect(report.blobs.get(image.layers[0].descriptor.digest)?.status).not.toBe('verified');
    const [done, total] = seen.at(-1)!;
    expect(done).toBe(total);
  });

  it('a flipped byte is a mismatch with expected and actual; the rest still verifies', async () => {
    const fx = await ociFixture(layers());
    const path = `blobs/sha256/${hexOf(fx.layers[1].digest)}`;
    const flipped = (fx.members.get(path) as Uint8Array).slice();
    flipped[600] ^= 1;
    fx.members.set(path, flipped);
    const report = await verifyImage(await inspectArchive(packTar(fx.members)));
    const bad = report.blobs.get(fx.layers[1].digest)!;
    expect(bad.status).toBe('mismatch');
    expect(bad.actual?.digest).toBe(await sha256OfBytes(flipped));
    expect(bad.message).toBe(`content hashes to ${await sha256OfBytes(flipped)}, not ${fx.layers[1].digest}`);
    expect(report.layers[1].status).toBe('mismatch');
    expect(report.blobs.get(fx.layers[0].digest)?.status).toBe('verified');
    expect(report.layers[0].status).toBe('verified');
  });

  it('checks size before reading, and reports missing blobs', async () => {
    const fx = await ociFixture(layers(), { manifest: (m) => { (m.layers as { size: number }[])[1].size = 5; } });
    fx.members.delete(`blobs/sha256/${hexOf(fx.layers[0].digest)}`);
    const report = await verifyImage(await inspectArchive(packTar(fx.members)));
    expect(report.blobs.get(fx.layers[1].digest)).toMatchObject({ status: 'mismatch', message: `size is ${fx.layers[1].blob.length} bytes but the descriptor says 5; not hashed` });
    expect(report.blobs.get(fx.layers[0].digest)).toMatchObject({ status: 'missing', message: 'not included in the archive' });
    expect(report.layers.map((l) => l.status)).toEqual(['missing', 'unverified']);
  });

  it('a digest with another algorithm is shown unverified, never looked up', async () => {
    const sha512 = `sha512:${'f'.repeat(128)}`;
    const fx = await ociFixture(layers(), { manifest: (m) => { (m.layers as { digest: string }[])[0].digest = sha512; } });
    const report = await verifyImage(await inspectArchive(packTar(fx.members)));
    expect(report.blobs.get(sha512)).toMatchObject({ status: 'unverified', message: 'the digest is not a sha256 digest, so it cannot be checked' });
    expect(report.layers.map((l) => l.status)).toEqual(['unverified', 'verified']);
  });

  it('flags a diff_id that does not match the config', async () => {
    const other = `sha256:${'e'.repeat(64)}`;
    const fx = await ociFixture(layers(), { config: (c) => { (c.rootfs as { diff_ids: string[] }).diff_ids[0] = other; } });
    const report = await verifyImage(await inspectArchive(packTar(fx.members)));
    expect(report.layers[0]).toMatchObject({ status: 'mismatch', message: `uncompressed tar hashes to ${fx.layers[0].diffId}, but the config's diff_id is ${other}` });
    expect(report.blobs.get(fx.layers[0].digest)?.status).toBe('verified');
  });

  it('detects compression by magic, warns on a lying media type, reads multi-member gzip', async () => {
    const fx = await ociFixture([
      { entries: layers()[0].entries, encode: (tar) => new Uint8Array([...gzipSync(tar.subarray(0, 700)), ...gzipSync(tar.subarray(700))]) },
      { entries: layers()[1].entries, encode: (tar) => gzipSync(tar), mediaType: 'application/vnd.oci.image.layer.v1.tar' },
    ]);
    const report = await verifyImage(await inspectArchive(packTar(fx.members)));
    expect(report.layers.map((l) => [l.status, l.compression, l.actualDiffId])).toEqual([['verified', 'gzip', fx.layers[0].diffId], ['verified', 'gzip', fx.layers[1].diffId]]);
    expect(report.layers[1].warnings).toEqual(['media type declares an uncompressed tar but the bytes are gzip; read as gzip']);
  });

  it.skipIf(!requireTool('zstd'))('verifies a zstd layer', async () => {
    const zstd = (tar: Uint8Array) => new Uint8Array(execFileSync('zstd', ['-q', '-c'], { input: tar }));
    const fx = await ociFixture([{ entries: layers()[1].entries, encode: zstd, mediaType: 'application/vnd.oci.image.layer.v1.tar+zstd' }]);
    const report = await verifyImage(await inspectArchive(packTar(fx.members)));
    expect(report.layers[0]).toMatchObject({ status: 'verified', compression: 'zstd', actualDiffId: fx.layers[0].diffId, warnings: [] });
  });

  it('a decompression bomb stops at the budget and is reported on that layer only', async () => {
    const fx = await ociFixture([{ entries: [], encode: () => gzipSync(new Uint8Array(1024 * 1024)) }, layers()[1]]);
    const report = await verifyImage(await inspectArchive(packTar(fx.members)), { maxLayerTarBytes: 64 * 1024 });
    expect(report.layers[0].status).toBe('mismatch');
    expect(report.layers[0].message).toMatch(/^could not be decompressed: gzip: decompressed output exceeds the budget of 65536 bytes/);
    expect(report.blobs.get(fx.layers[0].digest)?.status).toBe('verified');
    expect(report.layers[1].status).toBe('verified');
  });

  it('honours an AbortSignal', async () => {
    const image = await inspectArchive(packTar((await ociFixture(layers())).members));
    const controller = new AbortController();
    controller.abort();
    await expect(verifyImage(image, { signal: controller.signal })).rejects.toThrow(/abort/i);
  });

  it('lists each layer in the same pass when asked; a broken tar ends the list, the diff_id is still hashed whole', async () => {
    // One block of content, so the second header starts at 1024; a changed name byte breaks its checksum.
    const entries = [fileEntry('a', 'x'), fileEntry('b', 'y')];
    const brokenTar = await bytesOf(tarBlob(entries, { mtime: 0 }));
    brokenTar[1024] ^= 0x20;
    const brokenDiffId = await sha256OfBytes(brokenTar);
    const fx = await ociFixture(
      [{ entries: [fileEntry('etc/motd', 'hello\n')] }, { entries, encode: () => gzipSync(brokenTar, { mtime: 0 }) }],
      { config: (doc) => void ((doc.rootfs as { diff_ids: string[] }).diff_ids[1] = brokenDiffId) },
    );
    const image = await inspectArchive(packTar(fx.members));
    const listings = new Map<number, LayerListing>();
    const report = await verifyImage(image, { listing: { onListing: (layer, listing) => listings.set(layer.index, listing) } });

    expect(report.layers.map((l) => l.status)).toEqual(['verified', 'verified']);
    expect(listings.get(0)).toEqual(await listLayer(new Blob([fx.layers[0].blob as BlobPart]), { where: `L1 (${fx.layers[0].digest.slice(0, 19)}…)` }));
    const broken = listings.get(1)!;
    expect(broken.entries.map((e) => e.entry.path)).toEqual(['a']);
    expect(broken.complete).toBe(false);
    expect(broken.problems).toEqual([expect.objectContaining({ severity: 'error', message: expect.stringMatching(/offset 1024/) })]);
  });

  it('hands whole-blob hashing to hashBlob (another core), except an uncompressed layer: the same report, and a flipped byte is still caught', async () => {
    const fx = await ociFixture(layers());
    const alone = await verifyImage(await inspectArchive(packTar(fx.members)));
    const hashed: number[] = [];
    const hashBlob = async (blob: Blob) => {
      hashed.push(blob.size);
      await new Promise((r) => setTimeout(r, 20)); // finishes after the listing pass here
      return sha256OfBlob(blob);
    };
    const listed: string[][] = [];
    const seen: number[] = [];
    const image = await inspectArchive(packTar(fx.members));
    const helped = await verifyImage(image, { hashBlob, onProgress: (done) => seen.push(done), listing: { onListing: (_, l) => listed.push(l.entries.map((e) => e.entry.path)) } });
    expect([...helped.blobs.values()]).toEqual([...alone.blobs.values()]);
    expect(helped.layers).toEqual(alone.layers);
    expect(hashed.sort((a, b) => a - b)).toEqual([fx.manifest.bytes.length, fx.config.bytes.length, fx.layers[0].blob.length].sort((a, b) => a - b));
    expect(listed).toEqual([['etc', 'etc/motd'], ['srv', 'srv/data']]);
    expect(seen.at(-1)).toBe(fx.manifest.bytes.length + fx.config.bytes.length + fx.layers[0].blob.length + fx.layers[1].blob.length);

    const path = `blobs/sha256/${hexOf(fx.layers[0].digest)}`;
    const flipped = (fx.members.get(path) as Uint8Array).slice();
    flipped[flipped.length - 3] ^= 1; // the gzip trailer: decompression fails, the blob hash differs
    fx.members.set(path, flipped);
    const bad = await verifyImage(await inspectArchive(packTar(fx.members)), { hashBlob });
    expect(bad.blobs.get(fx.layers[0].digest)!.status).toBe('mismatch');
    expect(bad.blobs.get(fx.layers[1].digest)!.status).toBe('verified');
  });

  it("hands the tar's hashing to hashStream (an uncompressed layer's, its blob's), and hashes again here when that fails: the same report", async () => {
    const fx = await ociFixture(layers());
    const alone = await verifyImage(await inspectArchive(packTar(fx.members)));
    const handed: number[] = [];
    const elsewhere = (fail: boolean) => () => {
      const parts: Uint8Array[] = [];
      return {
        update: (chunk: Uint8Array) => (parts.push(chunk.slice()), handed.push(chunk.byteLength), undefined),
        digest: async () => {
          if (fail) throw new Error('hashing helper 1 stopped unexpectedly');
          return sha256OfBlob(new Blob(parts as Uint8Array<ArrayBuffer>[]));
        },
        cancel: () => {},
      };
    };
    const helped = await verifyImage(await inspectArchive(packTar(fx.members)), { hashStream: elsewhere(false) });
    expect(helped.layers).toEqual(alone.layers);
    // Every layer's tar, the uncompressed layer's (which is its blob) too.
    expect(alone.layers.map((l) => l.compression)).toEqual(['gzip', 'none']);
    expect(handed.reduce((a, b) => a + b, 0)).toBe(alone.layers.reduce((n, l) => n + l.tarSize!, 0));
    expect([...helped.blobs.values()]).toEqual([...alone.blobs.values()]);
    const recovered = await verifyImage(await inspectArchive(packTar(fx.members)), { hashStream: elsewhere(true) });
    expect(recovered.layers).toEqual(alone.layers);
    expect([...recovered.blobs.values()]).toEqual([...alone.blobs.values()]);
    // A flipped byte in the uncompressed layer is still caught, by the blob's digest and its diff_id.
    const path = `blobs/sha256/${hexOf(fx.layers[1].digest)}`;
    const flipped = (fx.members.get(path) as Uint8Array).slice();
    flipped[700] ^= 1;
    fx.members.set(path, flipped);
    const bad = await verifyImage(await inspectArchive(packTar(fx.members)), { hashStream: elsewhere(false) });
    expect(bad.blobs.get(fx.layers[1].digest)!.status).toBe('mismatch');
    expect(bad.layers[1].status).toBe('mismatch');
    expect(recovered.layers.every((l) => l.status === 'verified')).toBe(true);
  });

  it('a layer that cannot be read to its end gives the same report and progress with a hashStream as without', async () => {
    const fx = await ociFixture(layers());
    const streamed = () => {
      const parts: Uint8Array[] = [];
      let waits = 0;
      return {
        // Asks the sender to wait now and then, as the hash pool does when its helper lags.
        update: (chunk: Uint8Array) => (parts.push(chunk.slice()), ++waits % 2 ? new Promise<void>((r) => setTimeout(r, 1)) : undefined),
        digest: () => sha256OfBlob(new Blob(parts as Uint8Array<ArrayBuffer>[])),
        cancel: () => {},
      };
    };
    const total = fx.manifest.bytes.length + fx.config.bytes.length + fx.layers[0].blob.length + fx.layers[1].blob.length;
    const run = async (hashStream?: () => ReturnType<typeof streamed>) => {
      const seen: number[] = [];
      const report = await verifyImage(await inspectArchive(packTar(fx.members)), { hashStream, maxLayerTarBytes: 5000, onProgress: (done) => seen.push(done) });
      return { report, seen };
    };
    const alone = await run();
    const helped = await run(streamed);
    expect(alone.report.layers[1].status).toBe('mismatch'); // the uncompressed layer's 20 kB tar is over the 5000-byte budget
    expect([...helped.report.blobs.values()]).toEqual([...alone.report.blobs.values()]);
    expect(helped.report.layers).toEqual(alone.report.layers);
    expect(helped.seen.at(-1)).toBe(total);
    expect(helped.seen.every((n, i) => n >= (helped.seen[i - 1] ?? 0) && n <= total)).toBe(true);
  });

  it('hashes here when a helper fails, so the report is the same; a cancel reaches the helper', async () => {
    const fx = await ociFixture(layers());
    const alone = await verifyImage(await inspectArchive(packTar(fx.members)));
    const failing = async (blob: Blob, progress: (done: number) => void) => {
      progress(Math.floor(blob.size / 2));
      throw new Error('hashing helper 1 stopped unexpectedly');
    };
    const seen: number[] = [];
    const helped = await verifyImage(await inspectArchive(packTar(fx.members)), { hashBlob: failing, onProgress: (done) => seen.push(done) });
    expect([...helped.blobs.values()]).toEqual([...alone.blobs.values()]);
    expect(helped.layers).toEqual(alone.layers);
    expect(seen.every((n, i) => n >= (seen[i - 1] ?? 0))).toBe(true);
    expect(seen.at(-1)).toBe(fx.manifest.bytes.length + fx.config.bytes.length + fx.layers[0].blob.length + fx.layers[1].blob.length);

    const controller = new AbortController();
    const signals: (AbortSignal | undefined)[] = [];
    const never = (_: Blob, __: (done: number) => void, signal?: AbortSignal) => {
      signals.push(signal);
      return new Promise<never>((_resolve, reject) => signal?.addEventListener('abort', () => reject(signal.reason)));
    };
    const run = verifyImage(await inspectArchive(packTar(fx.members)), { hashBlob: never, signal: controller.signal });
    await new Promise((r) => setTimeout(r, 20));
    controller.abort();
    await expect(run).rejects.toThrow();
    expect(signals.length).toBeGreaterThan(0);
    expect(signals.every((signal) => signal === controller.signal)).toBe(true);
  });
});
