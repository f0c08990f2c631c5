import { describe, expect, it } from 'vitest';
import { zipSync } from 'fflate';
import { inspectArchive } from './open.ts';
import { dirEntry, fileEntry, ociFixture, packTar, bytesOf, type ArchiveMember } from '../../test-support/inspect-fixtures.ts';
import { hexOf } from '../digest.ts';
import type { InspectedImage } from './reading.ts';

const enc = new TextEncoder();
const twoLayers = () => ociFixture([
  { entries: [dirEntry('etc'), fileEntry('etc/motd', 'hi\n')], createdBy: 'COPY motd' },
  { entries: [fileEntry('srv/a.txt', 'a'.repeat(3000))], compression: 'none', createdBy: 'COPY a' },
]);
const errors = (image: InspectedImage) => image.problems.filter((p) => p.severity === 'error');

describe('inspectArchive: OCI layout', () => {
  it('reads an OCI layout tar into the model, pairing history past empty_layer', async () => {
    const fx = await twoLayers();
    const image = await inspectArchive(packTar(fx.members));
    expect(errors(image)).toEqual([]);
    expect(image.format).toBe('oci-layout');
    expect(image.archiveKind).toBe('tar');
    expect(image.selected).toBe(fx.manifest.digest);
    expect(image.names).toEqual(['example.com/app:1.0']);
    expect(image.layers.map((l) => [l.descriptor.sha256, l.diffId, l.history?.createdBy, l.declaredCompression]))
      .toEqual([[fx.layers[0].digest, fx.layers[0].diffId, 'COPY motd', 'gzip'], [fx.layers[1].digest, fx.layers[1].diffId, 'COPY a', 'none']]);
    expect(image.emptyHistory).toEqual([{ index: 0, createdBy: 'ARG x', created: undefined }]);
    expect(image.config?.text).toBe(new TextDecoder().decode(fx.config.bytes));
    expect(await bytesOf(image.blobs.get(fx.layers[1].digest)!.blob!)).toEqual(fx.layers[1].blob);
    expect(image.blobs.get(fx.config.digest)?.role).toBe('config');
  });

  it('reads the same layout from a zip and from a dropped folder', async () => {
    const fx = await twoLayers();
    const plain = Object.fromEntries([...fx.members].map(([k, v]) => [k, v as Uint8Array]));
    const fromZip = await inspectArchive(new Blob([zipSync(plain) as BlobPart]));
    expect(fromZip.archiveKind).toBe('zip');
    expect(fromZip.layers.map((l) => l.diffId)).toEqual(fx.layers.map((l) => l.diffId));
    const folder = [...fx.members].map(([path, v]) => ({ path: `my-image/${path}`, file: new Blob([v as BlobPart]) }));
    const fromFolder = await inspectArchive(folder);
    expect(fromFolder.archiveKind).toBe('folder');
    expect(errors(fromFolder)).toEqual([]);
    expect(fromFolder.layers).toHaveLength(2);
  });

  it('recognises Docker 25+ docker save (OCI layout + manifest.json)', async () => {
    const fx = await ociFixture([{ entries: [fileEntry('a', 'x')], compression: 'none' }], { dockerManifestJson: true });
    const image = await inspectArchive(packTar(fx.members));
    expect(image.format).toBe('docker-save-oci');
    expect(image.dockerManifest?.parsed[0].repoTags).toEqual(['example.com/app:1.0']);
    expect(errors(image)).toEqual([]);
  });

  it('reports missing oci-layout and index.json by name, and "manifests": null', async () => {
    const fx = await twoLayers();
    fx.members.delete('oci-layout');
    const noLayout = await inspectArchive(packTar(fx.members));
    expect(noLayout.problems).toContainEqual({ severity: 'warning', where: 'oci-layout', message: 'is missing; read as an OCI layout anyway' });
    expect(noLayout.layers).toHaveLength(2);
    fx.members.delete('index.json');
    const noIndex = await inspectArchive(packTar(fx.members));
    expect(noIndex.problems[0]).toMatchObject({ severity: 'error', where: 'archive' });
    expect(noIndex.problems[0].message).toMatch(/has neither index.json \(OCI layout\) nor manifest.json \(docker save\)/);
    fx.members.set('index.json', enc.encode('{"schemaVersion":2,"manifests":null}'));
    const nullManifests = await inspectArchive(packTar(fx.members));
    expect(nullManifests.problems).toContainEqual({ severity: 'warning', where: 'index.json (index)', message: '"manifests" is null; treated as an empty list' });
    expect(nullManifests.manifests).toEqual([]);
  });

  it('an unreadable index.json is reported, and the manifests are still found in blobs/', async () => {
    const fx = await twoLayers();
    fx.members.set('index.json', enc.encode('{"schemaVersion":2,"manifests":[}'));
    const image = await inspectArchive(packTar(fx.members));
    expect(image.problems[0]).toMatchObject({ severity: 'error', where: 'index.json (index)' });
    expect(image.problems[0].message).toMatch(/^invalid JSON: /);
    expect(image.problems).toContainEqual({ severity: 'warning', where: 'index.json', message: 'found 1 manifest(s) by scanning blobs/sha256/ instead; they are not named by any index' });
    expect(image.selected).toBe(fx.manifest.digest);
    expect(image.layers.map((l) => l.diffId)).toEqual(fx.layers.map((l) => l.diffId));
  });

  it('flags a blob stored as a symlink but follows it inside the archive', async () => {
    const fx = await twoLayers();
    const path = `blobs/sha256/${hexOf(fx.layers[0].digest)}`;
    fx.members.set('blobs/sha256/stash', fx.members.get(path)!);
    fx.members.set(path, { symlink: 'stash' });
    const image = await inspectArchive(packTar(fx.members));
    const ref = image.blobs.get(fx.layers[0].digest)!;
    expect(ref.viaLinks).toEqual([path]);
    expect(await bytesOf(ref.blob!)).toEqual(fx.layers[0].blob);
    expect(image.problems.some((p) => p.severity === 'warning' && /stored as a link to blobs\/sha256\/stash/.test(p.message))).toBe(true);
  });

  it('keeps going past unknown media types, non-layer entries, invalid digests and missing blobs', async () => {
    const fx = await ociFixture([{ entries: [fileEntry('a', 'x')] }], {
      manifest: (m) => {
        (m.layers as unknown[]).push(
          { mediaType: 'application/vnd.example.sbom+json', digest: `sha256:${'c'.repeat(64)}`, size: 10 },
          { mediaType: 'application/vnd.oci.image.layer.v1.tar', digest: 'sha256:../../index.json', size: 3 },
        );
      },
    });
    const image = await inspectArchive(packTar(fx.members));
    expect(image.layers).toHaveLength(3);
    expect(image.layers[0].diffId).toBe(fx.layers[0].diffId);
    const where = `blobs/sha256/${hexOf(fx.manifest.digest).slice(0, 12)}… (manifest)`;
    expect(image.problems).toContainEqual({ severity: 'warning', where: `${where} layers[1]`, message: 'media type "application/vnd.example.sbom+json" is not a layer type; shown as an opaque blob, not unpacked' });
    expect(image.problems).toContainEqual({ severity: 'error', where, message: 'has 3 layers but the config lists 1 diff_ids; the extra layers cannot be verified' });
    expect(image.problems).toContainEqual({ severity: 'error', where: `layer 1 sha256:${'c'.repeat(64)}`, message: 'is not included in the archive' });
    expect(image.problems.some((p) => p.where === `${where} layers[2]` && /not a sha256 digest/.test(p.message))).toBe(true);
    expect(image.blobs.get(`sha256:${'c'.repeat(64)}` as never)).toEqual({ digest: `sha256:${'c'.repeat(64)}`, role: 'layer' });
  });

  it('refuses a manifest that is also an index, keeping the index visible', async () => {
    const fx = await ociFixture([{ entries: [fileEntry('a', 'x')] }], { manifest: (m) => { m.manifests = []; } });
    const image = await inspectArchive(packTar(fx.members));
    expect(image.manifests).toHaveLength(1);
    expect(image.manifest).toBeUndefined();
    expect(image.problems.some((p) => p.severity === 'error' && /has both "manifests" \(an index\) and "config"\/"layers"/.test(p.message))).toBe(true);
  });

  it('lists nested indexes and flags attestation manifests; another manifest can be selected', async () => {
    const fx = await ociFixture([{ entries: [fileEntry('a', 'x')] }]);
    const index = JSON.parse(new TextDecoder().decode(fx.members.get('index.json') as Uint8Array));
    const att = { mediaType: 'application/vnd.oci.image.manifest.v1+json', digest: `sha256:${'d'.repeat(64)}`, size: 5, platform: { os: 'unknown', architecture: 'unknown' }, annotations: { 'vnd.docker.reference.type': 'attestation-manifest' } };
    const nested = enc.encode(JSON.stringify({ schemaVersion: 2, mediaType: 'application/vnd.oci.image.index.v1+json', manifests: [att, index.manifests[0]] }));
    const { sha256OfBytes } = await import('../hash/sha256.ts');
    const nestedDigest = await sha256OfBytes(nested);
    fx.members.set(`blobs/sha256/${hexOf(nestedDigest)}`, nested);
    fx.members.set('index.json', enc.encode(JSON.stringify({ schemaVersion: 2, manifests: [{ mediaType: 'application/vnd.oci.image.index.v1+json', digest: nestedDigest, size: nested.length }] })));
    const image = await inspectArchive(packTar(fx.members as Map<string, ArchiveMember>));
    expect(image.manifests.map((m) => [m.nestedIndex, m.attestation, m.indexPath])).toEqual([[true, false, []], [false, true, [nestedDigest]], [false, false, [nestedDigest]]]);
    expect(image.selected).toBe(fx.manifest.digest);
    expect(image.layers).toHaveLength(1);
  });
});

describe('inspectArchive: legacy docker save', () => {
  it('reads <id>/layer.tar layers (one stored as a symlink), <hex>.json config and repositories', async () => {
    const fx = await ociFixture([
      { entries: [fileEntry('a', 'one')], compression: 'none' },
      { entries: [fileEntry('b', 'two')], compression: 'none' },
    ]);
    const members = new Map<string, ArchiveMember>();
    members.set(`${hexOf(fx.config.digest)}.json`, fx.config.bytes);
    members.set('aaa1/layer.tar', fx.layers[0].tar);
    members.set('aaa1/json', enc.encode('{}'));
    members.set('bbb2/layer.tar', fx.layers[1].tar);
    members.set('ccc3/layer.tar', { symlink: '../bbb2/layer.tar' });
    members.set('manifest.json', enc.encode(JSON.stringify([{ Config: `${hexOf(fx.config.digest)}.json`, RepoTags: ['app:1'], Layers: ['aaa1/layer.tar', 'ccc3/layer.tar'] }])));
    members.set('repositories', enc.encode('{"app":{"1":"ccc3"}}'));
    const image = await inspectArchive(packTar(members));
    expect(image.format).toBe('docker-save-legacy');
    expect(errors(image)).toEqual([]);
    expect(image.selected).toBe(fx.config.digest);
    expect(image.names).toEqual(['app:1']);
    expect(image.layers.map((l) => [l.archivePath, l.diffId, l.history?.createdBy])).toEqual([
      ['aaa1/layer.tar', fx.layers[0].diffId, 'layer 0'], ['ccc3/layer.tar', fx.layers[1].diffId, 'layer 1'],
    ]);
    const second = image.blobs.get(fx.layers[1].diffId)!;
    expect(second.viaLinks).toEqual(['ccc3/layer.tar']);
    expect(await bytesOf(second.blob!)).toEqual(fx.layers[1].tar);
  });
});

describe('detectArchive via inspectArchive', () => {
  it('names what a non-archive is', async () => {
    await expect(inspectArchive(new Blob([new Uint8Array([0x1f, 0x8b, 8, 0])]), { name: 'image.tgz' })).rejects.toThrow(/image.tgz is gzip-compressed .* decompress it first/);
    await expect(inspectArchive(new Blob(['hello world'.repeat(100)]))).rejects.toThrow('the file is not an image archive: neither a tar (no valid header at offset 0) nor a zip');
    await expect(inspectArchive(new Blob([]))).rejects.toThrow('the file is empty: not an image archive');
  });
  it('a truncated tar keeps what was read before the cut', async () => {
    const fx = await twoLayers();
    const tar = await bytesOf(packTar(fx.members));
    const image = await inspectArchive(new Blob([tar.slice(0, tar.length - 1024 - 700)]));
    expect(image.problems.some((p) => p.where === 'archive' && /unexpected end of archive at offset \d+/.test(p.message))).toBe(true);
  });
});

