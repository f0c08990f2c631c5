import { describe, expect, it } from 'vitest';
import { existsSync, openAsBlob } from 'node:fs';
import { inspectArchive } from './open.ts';
import { buildImage } from '../build/image.ts';
import { writeImageTar } from './image-tar/write.ts';
import { writeOciLayoutZip } from './oci-zip/write.ts';
import { smallSpec } from '../../test-support/image.ts';
import { bytesOf, fileEntry, ociFixture, packTar, type ArchiveMember } from '../../test-support/inspect-fixtures.ts';
import { hexOf } from '../digest.ts';
import { sha256OfBytes } from '../hash/sha256.ts';
import type { Image } from '../image/model.ts';
import type { InspectedImage } from './reading.ts';

const enc = new TextEncoder();
const modelOf = (reading: InspectedImage): Image => {
  if (!reading.model || !('image' in reading.model)) throw new Error(`no model: ${JSON.stringify(reading.model)}`);
  return reading.model.image;
};
const reasonsOf = (reading: InspectedImage): string[] => (reading.model && 'reasons' in reading.model ? reading.model.reasons : []);

describe('readers produce the image model', () => {
  it('an OCI layout from our own writers reads back as the same image, byte for byte', async () => {
    const built = await buildImage(smallSpec());
    for (const write of [writeImageTar, writeOciLayoutZip]) {
      const image = modelOf(await inspectArchive(await write(built)));
      const original = built.images[0];
      expect(image.manifest.bytes).toEqual(original.manifest.bytes);
      expect(image.manifest.descriptor).toEqual(original.manifest.descriptor);
      expect(image.config.bytes).toEqual(original.config.bytes);
      expect(image.config.value).toEqual(original.config.value);
      expect(image.layers.map((l) => [l.descriptor, l.diffId])).toEqual(original.layers.map((l) => [l.descriptor, l.diffId]));
      for (const [i, layer] of image.layers.entries()) expect(await bytesOf(layer.blob)).toEqual(await bytesOf(original.layers[i].blob));
    }
  });

  it('a legacy docker save gets the OCI manifest that names its config and layer.tar blobs', async () => {
    const fx = await ociFixture([{ entries: [fileEntry('a', 'one')], compression: 'none' }]);
    const members = new Map<string, ArchiveMember>([
      [`${hexOf(fx.config.digest)}.json`, fx.config.bytes],
      ['aaa1/layer.tar', fx.layers[0].tar],
      ['manifest.json', enc.encode(JSON.stringify([{ Config: `${hexOf(fx.config.digest)}.json`, RepoTags: ['app:1'], Layers: ['aaa1/layer.tar'] }]))],
    ]);
    const image = modelOf(await inspectArchive(packTar(members)));
    expect(image.config.bytes).toEqual(fx.config.bytes);
    expect(image.config.descriptor.digest).toBe(fx.config.digest);
    expect(image.manifest.value).toEqual({
      schemaVersion: 2,
      mediaType: 'application/vnd.oci.image.manifest.v1+json',
      config: { mediaType: 'application/vnd.oci.image.config.v1+json', digest: fx.config.digest, size: fx.config.bytes.length },
      layers: [{ mediaType: 'application/vnd.oci.image.layer.v1.tar', digest: fx.layers[0].diffId, size: fx.layers[0].tar.length }],
    });
    expect(image.manifest.descriptor.digest).toBe(await sha256OfBytes(image.manifest.bytes));
    expect(image.layers[0]).toMatchObject({ diffId: fx.layers[0].diffId, tarSize: fx.layers[0].tar.length });
  });

  it('says why an image cannot be a model: a missing layer blob, a config that lies about its digest', async () => {
    const fx = await ociFixture([{ entries: [fileEntry('a', 'one')] }, { entries: [fileEntry('b', 'two')] }]);
    fx.members.delete(`blobs/sha256/${hexOf(fx.layers[1].digest)}`);
    expect(reasonsOf(await inspectArchive(packTar(fx.members)))).toEqual([`layer L2 (${fx.layers[1].digest}) is not included in the archive`]);

    const lying = await ociFixture([{ entries: [fileEntry('a', 'one')] }], { config: (c) => ((c.rootfs as { diff_ids: string[] }).diff_ids = []) });
    expect(reasonsOf(await inspectArchive(packTar(lying.members)))).toEqual([
      'its config lists 0 diff_ids for 1 layers',
      'the config gives no valid diff_id for layer L1',
    ]);
  });
});

const helloV25 = new URL('../../../../shared/peer-corpora/ggcr/tarball/hello-world-v25.tar', import.meta.url);
const haveCorpus = existsSync(helloV25);
if (!haveCorpus && process.env.CI === 'true') throw new Error('../shared/peer-corpora is required under CI=true');

describe.skipIf(!haveCorpus)('peer corpus: Docker 25 hello-world save with "manifests": null (go-containerregistry testdata)', () => {
  it('is read through manifest.json, with its one layer, and becomes a model', async () => {
    const reading = await inspectArchive(await openAsBlob(helloV25));
    expect(reading.problems).toContainEqual({ severity: 'warning', where: 'index.json', message: 'lists no manifests; the image was read through manifest.json instead' });
    expect(reading.layers).toHaveLength(1);
    const layer = 'sha256:12660636fe55438cc3ae7424da7ac56e845cdb52493ff9cf949c47a7f57f8b43';
    expect(reading.layers[0].diffId).toBe(layer);
    expect(modelOf(reading).layers.map((l) => [l.descriptor.digest, l.diffId, l.blob.size])).toEqual([[layer, layer, 10752]]);
  });
});
