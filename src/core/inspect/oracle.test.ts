// skopeo decides: archives it writes (docker-archive: legacy docker save, oci-archive:, an oci:
// directory with zstd layers) are read by the inspector with the same layers and digests that
// `skopeo inspect` reports, and everything verifies; a flipped byte is a mismatch.

import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openAsBlob, readdirSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import { join, relative } from 'node:path';
import { buildImage } from '../build/image.ts';
import { writeImageTar } from '../formats/image-tar/write.ts';
import { smallSpec } from '../../test-support/image.ts';
import { makeTempDir, requireTool, runTool } from '../../test-support/oracle.ts';
import { inspectArchive } from '../formats/open.ts';
import { verifyImage } from './verify.ts';
import type { FolderFile } from '../formats/folder/read.ts';

const temp = makeTempDir('inspect-oracle');
afterAll(() => temp.remove());
const skopeo = (...args: string[]) => runTool('skopeo', ['--insecure-policy', ...args]);
const layersOf = (ref: string): string[] => (JSON.parse(skopeo('inspect', ref)) as { Layers: string[] }).Layers;

describe.skipIf(!requireTool('skopeo'))('inspector vs skopeo', () => {
  const source = join(temp.path, 'source.tar');
  beforeAll(async () => {
    const built = await buildImage(smallSpec());
    writeFileSync(source, new Uint8Array(await (await writeImageTar(built)).arrayBuffer()));
  });

  it('docker-archive: (legacy docker save) has skopeo\'s layers and verifies', async () => {
    const out = join(temp.path, 'docker.tar');
    skopeo('copy', `oci-archive:${source}`, `docker-archive:${out}:example.com/app:1.0`);
    const image = await inspectArchive(await openAsBlob(out));
    expect(image.format).toBe('docker-save-legacy');
    expect(image.problems.filter((p) => p.severity === 'error')).toEqual([]);
    expect(image.names).toContain('example.com/app:1.0');
    expect(image.layers.map((l) => l.diffId)).toEqual(layersOf(`docker-archive:${out}`));
    const report = await verifyImage(image);
    expect(report.layers.map((l) => l.status)).toEqual(['verified', 'verified']);
    expect([...report.blobs.values()].every((b) => b.status === 'verified')).toBe(true);
  });

  it('oci: directory with zstd layers, dropped as a folder, has skopeo\'s digests and verifies', async () => {
    const dir = join(temp.path, 'zstd-layout');
    skopeo('copy', '--dest-compress-format', 'zstd', `oci-archive:${source}`, `oci:${dir}:app`);
    const files: FolderFile[] = [];
    const walk = (d: string) => {
      for (const name of readdirSync(d)) {
        const p = join(d, name);
        if (statSync(p).isDirectory()) walk(p);
        else files.push({ path: `zstd-layout/${relative(dir, p)}`, file: new Blob([readFileSync(p)]) });
      }
    };
    walk(dir);
    const image = await inspectArchive(files);
    expect(image.archiveKind).toBe('folder');
    expect(image.layers.map((l) => l.descriptor.digest)).toEqual(layersOf(`oci:${dir}:app`));
    expect(image.layers.map((l) => l.declaredCompression)).toEqual(['zstd', 'zstd']);
    const report = await verifyImage(image);
    expect(report.layers.map((l) => [l.status, l.compression])).toEqual([['verified', 'zstd'], ['verified', 'zstd']]);
  });

  it('a copy with one flipped byte in a layer is a mismatch; the rest verifies', async () => {
    const out = join(temp.path, 'flip.tar');
    skopeo('copy', `oci-archive:${source}`, `oci-archive:${out}`);
    const bytes = new Uint8Array(readFileSync(out));
    const image = await inspectArchive(new Blob([bytes]));
    const layer = image.blobs.get(image.layers[1].descriptor.sha256!)!;
    // Find the layer's bytes in the tar by content and flip one in the middle.
    const layerBytes = new Uint8Array(await layer.blob!.arrayBuffer());
    const at = Buffer.from(bytes).indexOf(Buffer.from(layerBytes.subarray(0, 64)));
    bytes[at + (layerBytes.length >> 1)] ^= 0xff;
    const report = await verifyImage(await inspectArchive(new Blob([bytes])));
    expect(report.blobs.get(image.layers[1].descriptor.digest)?.status).toBe('mismatch');
    expect(report.blobs.get(image.layers[0].descriptor.digest)?.status).toBe('verified');
    expect(report.layers[0].status).toBe('verified');
    expect(report.layers[1].status).toBe('mismatch');
  });
});
