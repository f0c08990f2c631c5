import { describe, expect, it } from 'vitest';
import { existsSync, openAsBlob } from 'node:fs';
import { buildImage } from '../build/image.ts';
import { recompressImage } from '../build/recompress.ts';
import { indexImages } from '../image/assemble.ts';
import { writeImageTar } from '../formats/image-tar/write.ts';
import { writeOciLayoutZip } from '../formats/oci-zip/write.ts';
import { inspectArchive } from '../formats/open.ts';
import { verifyImage } from '../inspect/verify.ts';
import { fileEntry, ociFixture, packTar, type ArchiveMember } from '../../test-support/inspect-fixtures.ts';
import { file, smallSpec } from '../../test-support/image.ts';
import { hexOf } from '../digest.ts';
import { BaseError, openBase, readBaseFile } from './base.ts';

const enc = new TextEncoder();

/** Builds `base` + one new layer and checks a reader verifies all of it, base layers unchanged. */
async function editAndVerify(base: Awaited<ReturnType<typeof openBase>>) {
  const edited = await buildImage({
    ...smallSpec({ name: 'edited:1' }),
    base: base.image,
    layers: [{ kind: 'entries', entries: [file('added.txt', 'new')], createdBy: 'ADD' }],
  });
  const image = edited.images[0];
  expect(image.layers.slice(0, base.image.layers.length)).toEqual(base.image.layers);
  const report = await verifyImage(await inspectArchive(await writeImageTar(edited)));
  expect([...report.blobs.values()].every((b) => b.status === 'verified')).toBe(true);
  expect(report.layers.map((l) => l.status)).toEqual(image.layers.map(() => 'verified'));
  return image;
}

describe('openBase', () => {
  it('takes a gzip OCI layout with every file listed, and reads a base file back', async () => {
    const base = await openBase(await writeImageTar(await buildImage(smallSpec())), 'app.tar');
    expect(base.source).toMatchObject({ fileName: 'app.tar', platform: 'linux/amd64', otherPlatforms: [], names: ['example.com/team/app:1.0'] });
    expect(base.entries.map((layer) => layer.map((e) => e.path))).toEqual([['bin', 'bin/sh', 'etc', 'etc/motd'], ['srv', 'srv/data.txt']]);
    expect(base.layers.map((l) => l.createdBy)).toEqual(['COPY . /', 'COPY data /srv']);
    expect(await (await readBaseFile(base.image.layers[0], 'etc/motd')).text()).toBe('hello\n');
    await editAndVerify(base);
  });

  it('takes zstd layers, and uncompressed ones from a legacy docker save', async () => {
    const built = await buildImage(smallSpec());
    const zstd = await indexImages([await recompressImage(built.images[0], 'zstd')], built.name);
    const fromZstd = await openBase(await writeImageTar(zstd), 'zstd.tar');
    expect(fromZstd.image.layers.map((l) => l.descriptor.mediaType)).toEqual(Array(2).fill('application/vnd.oci.image.layer.v1.tar+zstd'));
    expect((await editAndVerify(fromZstd)).layers[2].descriptor.mediaType).toBe('application/vnd.oci.image.layer.v1.tar+gzip');

    const fx = await ociFixture([{ entries: [fileEntry('a', 'one')], compression: 'none' }]);
    const legacy = new Map<string, ArchiveMember>([
      [`${hexOf(fx.config.digest)}.json`, fx.config.bytes],
      ['aaa1/layer.tar', fx.layers[0].tar],
      ['manifest.json', enc.encode(JSON.stringify([{ Config: `${hexOf(fx.config.digest)}.json`, RepoTags: ['old:1'], Layers: ['aaa1/layer.tar'] }]))],
    ]);
    const fromLegacy = await openBase(packTar(legacy), 'old.tar');
    expect(fromLegacy.source.selected).toBe(fx.config.digest);
    expect(fromLegacy.image.layers[0].descriptor).toMatchObject({ mediaType: 'application/vnd.oci.image.layer.v1.tar', digest: fx.layers[0].diffId });
    await editAndVerify(fromLegacy);
  });

  it('takes one platform of a multi-platform index and names the others it leaves out', async () => {
    const amd = (await buildImage(smallSpec())).images[0];
    const arm = (await buildImage(smallSpec({ platform: { os: 'linux', architecture: 'arm64', variant: 'v8' } }))).images[0];
    const zip = await writeOciLayoutZip(await indexImages([amd, arm], 'multi:1'));
    const base = await openBase(zip, 'multi.zip', { selected: arm.manifest.descriptor.digest });
    expect(base.source).toMatchObject({ platform: 'linux/arm64/v8', otherPlatforms: ['linux/amd64'], manifestDigest: arm.manifest.descriptor.digest });
    await expect(openBase(zip, 'multi.zip', { selected: 'sha256:'.padEnd(71, '0') as never })).rejects.toThrow(/does not hold the image/);
  });

  it('refuses a base that does not verify, naming the layer', async () => {
    const fx = await ociFixture([{ entries: [fileEntry('a', 'one')] }]);
    const path = `blobs/sha256/${hexOf(fx.layers[0].digest)}`;
    const bytes = (fx.members.get(path) as Uint8Array).slice();
    bytes[bytes.length - 5] ^= 0xff;
    fx.members.set(path, bytes);
    await expect(openBase(packTar(fx.members), 'bad.tar')).rejects.toThrow(BaseError);
    await expect(openBase(packTar(fx.members), 'bad.tar')).rejects.toThrow(/bad.tar did not verify.*layer/);
  });
});

const helloV25 = new URL('../../../../shared/peer-corpora/ggcr/tarball/hello-world-v25.tar', import.meta.url);
describe.skipIf(!existsSync(helloV25))('openBase on a peer corpus', () => {
  it('edits Docker 25 hello-world, saved with "manifests": null', async () => {
    const base = await openBase(await openAsBlob(helloV25), 'hello-world-v25.tar');
    expect(base.entries[0].map((e) => e.path)).toContain('hello');
    await editAndVerify(base);
  });
});
