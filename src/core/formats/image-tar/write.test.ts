import { afterAll, describe, expect, it } from 'vitest';
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { buildImage } from '../../build/image.ts';
import { smallSpec } from '../../../test-support/image.ts';
import { makeTempDir, requireTool, runTool } from '../../../test-support/oracle.ts';
import { writeImageTar } from './write.ts';

const tmp = makeTempDir('imagetar');
afterAll(() => tmp.remove());
const bytesOf = async (blob: Blob) => Buffer.from(await blob.arrayBuffer());

describe.skipIf(!requireTool('tar'))('writeImageTar', () => {
  it('holds the OCI layout plus manifest.json and repositories, which GNU tar lists', async () => {
    const built = await buildImage(smallSpec());
    const image = built.images[0];
    const path = join(tmp.path, 'image.tar');
    writeFileSync(path, await bytesOf(await writeImageTar(built)));
    const names = runTool('tar', ['-tf', path]).trim().split('\n');
    const hex = (d: string) => d.slice(7);
    expect(names).toEqual(
      [
        'blobs/',
        'blobs/sha256/',
        ...[image.config.descriptor.digest, image.manifest.descriptor.digest, ...image.layers.map((l) => l.descriptor.digest)]
          .map((d) => `blobs/sha256/${hex(d)}`)
          .sort(),
        'index.json',
        'manifest.json',
        'oci-layout',
        'repositories',
      ],
    );
    const manifest = JSON.parse(runTool('tar', ['-xOf', path, 'manifest.json']));
    expect(manifest).toEqual([
      {
        Config: `blobs/sha256/${hex(image.config.descriptor.digest)}`,
        RepoTags: ['example.com/team/app:1.0'],
        Layers: image.layers.map((l) => `blobs/sha256/${hex(l.descriptor.digest)}`),
      },
    ]);
    expect(JSON.parse(runTool('tar', ['-xOf', path, 'repositories']))).toEqual({
      'example.com/team/app': { '1.0': hex(image.layers[1].descriptor.digest) },
    });
    expect(runTool('tar', ['-xOf', path, 'oci-layout'])).toBe('{"imageLayoutVersion":"1.0.0"}');
    expect(runTool('tar', ['-xOf', path, 'index.json'])).toBe(new TextDecoder().decode(built.index.bytes));
  });

  it('uses the familiar name docker shows for Docker Hub images, and no repositories when unnamed', async () => {
    const named = await buildImage(smallSpec({ name: 'app' }));
    const path = join(tmp.path, 'named.tar');
    writeFileSync(path, await bytesOf(await writeImageTar(named)));
    expect(JSON.parse(runTool('tar', ['-xOf', path, 'manifest.json']))[0].RepoTags).toEqual(['app:latest']);

    const unnamed = await buildImage(smallSpec({ name: undefined }));
    writeFileSync(path, await bytesOf(await writeImageTar(unnamed)));
    expect(runTool('tar', ['-tf', path])).not.toMatch(/repositories/);
    expect(JSON.parse(runTool('tar', ['-xOf', path, 'manifest.json']))[0].RepoTags).toEqual([]);
  });

  it('is byte-identical for the same spec built twice', async () => {
    const a = await bytesOf(await writeImageTar(await buildImage(smallSpec())));
    const b = await bytesOf(await writeImageTar(await buildImage(smallSpec())));
    expect(a.equals(b)).toBe(true);
  });
});
