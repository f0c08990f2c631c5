import { afterAll, describe, expect, it } from 'vitest';
import { openAsBlob, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { buildImage } from '../../build/image.ts';
import { smallSpec } from '../../../test-support/image.ts';
import { makeTempDir, requireTool, runTool } from '../../../test-support/oracle.ts';
import { assertOciLayoutZipFits, writeOciLayoutZip } from './write.ts';
import { ZipTooLargeError, planZip, writeStoredZip } from './zip.ts';

const tmp = makeTempDir('zip');
afterAll(() => tmp.remove());

const bytesOf = async (blob: Blob) => new Uint8Array(await blob.arrayBuffer());

const READ_ZIP = `
import sys, zipfile, json, hashlib
z = zipfile.ZipFile(sys.argv[1])
assert z.testzip() is None
out = []
for i in z.infolist():
    data = z.read(i)
    out.append({"name": i.filename, "method": i.compress_type, "date": list(i.date_time), "mode": i.external_attr >> 16,
                "sha": hashlib.sha256(data).hexdigest(), "size": len(data)})
print(json.dumps(out))
`;

describe('writeOciLayoutZip', () => {
  it('stores the layout files, each intact, with fixed dates, in a fixed order', async () => {
    const built = await buildImage(smallSpec());
    const image = built.images[0];
    const path = join(tmp.path, 'image.zip');
    writeFileSync(path, await bytesOf(await writeOciLayoutZip(built)));
    const listing = JSON.parse(runTool('python3', ['-c', READ_ZIP, path]));
    const blobs = [image.config, image.manifest].map((d) => d.descriptor).concat(image.layers.map((l) => l.descriptor));
    expect(listing.map((e: { name: string }) => e.name)).toEqual([
      'oci-layout',
      'index.json',
      ...blobs.map((d) => `blobs/sha256/${d.digest.slice(7)}`),
    ]);
    for (const [i, d] of blobs.entries()) {
      expect(listing[i + 2]).toMatchObject({ sha: d.digest.slice(7), size: d.size, method: 0 });
    }
    for (const entry of listing) expect(entry).toMatchObject({ date: [1980, 1, 1, 0, 0, 0], mode: 0o100644 });
  });

  it.skipIf(!requireTool('unzip'))('passes unzip -t', async () => {
    const path = join(tmp.path, 'unzip.zip');
    writeFileSync(path, await bytesOf(await writeOciLayoutZip(await buildImage(smallSpec()))));
    expect(runTool('unzip', ['-t', path])).toMatch(/No errors detected/);
  });

  it('reports checksum progress and honours abort', async () => {
    const image = await buildImage(smallSpec());
    const seen: { done: number; total: number }[] = [];
    await writeOciLayoutZip(image, { onProgress: (p) => seen.push(p) });
    expect(seen.length).toBeGreaterThanOrEqual(5); // at least one report per blob with bytes
    expect(seen.every((p, i) => p.done > (seen[i - 1]?.done ?? 0))).toBe(true);
    expect(seen.at(-1)!.done).toBe(seen.at(-1)!.total);
    // A large blob reports as it goes, not only when its CRC is done (a file-backed Blob streams
    // in chunks, as the browser's do; Node hands an in-memory Blob over in one piece).
    const bigPath = join(tmp.path, 'big.bin');
    writeFileSync(bigPath, new Uint8Array(4 * 1024 * 1024));
    const big = await openAsBlob(bigPath);
    const steps: number[] = [];
    await writeStoredZip([{ path: 'big', blob: big }], { onProgress: (p) => steps.push(p.done) });
    expect(steps.filter((done) => done > 0 && done < big.size).length).toBeGreaterThan(0);
    const controller = new AbortController();
    controller.abort(new Error('stop'));
    await expect(writeOciLayoutZip(image, { signal: controller.signal })).rejects.toThrow('stop');
  });

  it('is byte-identical for the same spec built twice', async () => {
    const a = await bytesOf(await writeOciLayoutZip(await buildImage(smallSpec())));
    const b = await bytesOf(await writeOciLayoutZip(await buildImage(smallSpec())));
    expect(Buffer.from(a).equals(b)).toBe(true);
  });

  it('writes a blob shared by two layers once', async () => {
    const spec = smallSpec();
    spec.layers = [spec.layers[0], spec.layers[0]];
    const image = await buildImage(spec);
    expect(image.images[0].layers[0].descriptor.digest).toBe(image.images[0].layers[1].descriptor.digest);
    const path = join(tmp.path, 'dup.zip');
    writeFileSync(path, await bytesOf(await writeOciLayoutZip(image)));
    expect(JSON.parse(runTool('python3', ['-c', READ_ZIP, path]))).toHaveLength(5);
  });
});

describe('planZip: the 4 GiB refusal', () => {
  const GiB = 1024 ** 3;
  it('accepts up to the zip32 limits', () => {
    const plan = planZip([{ path: 'a', size: 4 * GiB - 100 }]);
    expect(plan.totalSize).toBe(4 * GiB - 100 + 30 + 1 + 46 + 1 + 22);
  });

  it.each([
    [[{ path: 'blobs/sha256/big', size: 4 * GiB }], /blobs\/sha256\/big is 4294967296 bytes/],
    [[{ path: 'a', size: 3 * GiB }, { path: 'b', size: 2 * GiB }, { path: 'c', size: 1 }], /c would start at byte/],
    [[{ path: 'a', size: 3 * GiB }, { path: 'b', size: GiB }], /the archive would be \d+ bytes/],
    [Array.from({ length: 70_000 }, (_, i) => ({ path: `f${i}`, size: 0 })), /70000 entries/],
  ])('refuses %#', (files, message) => {
    expect(() => planZip(files)).toThrow(ZipTooLargeError);
    expect(() => planZip(files)).toThrow(message);
    expect(() => planZip(files)).toThrow(/Download the image tar instead/);
  });

  it('refuses a huge image before reading any blob', async () => {
    const built = await buildImage(smallSpec());
    const huge = { size: 5 * GiB, stream: () => { throw new Error('read'); } } as unknown as Blob;
    const [bottom, top] = built.images[0].layers;
    const image = { ...built, images: [{ ...built.images[0], layers: [bottom, { ...top, blob: huge }] }] };
    expect(() => assertOciLayoutZipFits(image)).toThrow(ZipTooLargeError);
    await expect(writeOciLayoutZip(image)).rejects.toThrow(ZipTooLargeError);
  });
});
