import { describe, expect, it } from 'vitest';
import { createHash } from 'node:crypto';
import { buildImage } from './image.ts';
import { smallSpec, file } from '../../test-support/image.ts';
import type { BlobLayer } from './spec.ts';

const sha = (bytes: Uint8Array) => `sha256:${createHash('sha256').update(bytes).digest('hex')}`;
const json = (bytes: Uint8Array) => JSON.parse(new TextDecoder().decode(bytes));

describe('buildImage', () => {
  it('writes a config with every set field and leaves empty ones out', async () => {
    const { images: [image] } = await buildImage(
      smallSpec({
        created: '2024-05-06T07:08:09Z',
        author: 'Ada',
        platform: { os: 'linux', architecture: 'arm', variant: 'v7' },
        config: {
          User: '1000:1000',
          ExposedPorts: { '8080/tcp': {} },
          Env: ['A=1'],
          Entrypoint: ['/bin/busybox'],
          Cmd: [],
          Volumes: { '/data': {} },
          WorkingDir: '/srv',
          Labels: { b: '2', a: '1' },
          StopSignal: 'SIGTERM',
        },
      }),
    );
    const config = json(image.config.bytes);
    expect(config).toEqual({
      created: '2024-05-06T07:08:09Z',
      author: 'Ada',
      architecture: 'arm',
      os: 'linux',
      variant: 'v7',
      config: {
        User: '1000:1000',
        ExposedPorts: { '8080/tcp': {} },
        Env: ['A=1'],
        Entrypoint: ['/bin/busybox'],
        Volumes: { '/data': {} },
        WorkingDir: '/srv',
        Labels: { a: '1', b: '2' },
        StopSignal: 'SIGTERM',
      },
      rootfs: { type: 'layers', diff_ids: image.layers.map((l) => l.diffId) },
      history: [
        { created: '2024-05-06T07:08:09Z', created_by: 'COPY . /' },
        { created: '2024-05-06T07:08:09Z', created_by: 'COPY data /srv' },
      ],
    });
    expect(image.config.value).toEqual(config);
    expect(Object.keys(config)).toEqual(['created', 'author', 'architecture', 'os', 'variant', 'config', 'rootfs', 'history']);
  });

  it('names every document by the SHA-256 of its exact bytes and links them', async () => {
    const built = await buildImage(smallSpec({ annotations: { 'org.opencontainers.image.title': 't' } }));
    const image = built.images[0];
    for (const doc of [image.config, image.manifest, built.index]) {
      expect(doc.descriptor.digest).toBe(sha(doc.bytes));
      expect(doc.descriptor.size).toBe(doc.bytes.byteLength);
    }
    const manifest = json(image.manifest.bytes);
    expect(manifest).toEqual({
      schemaVersion: 2,
      mediaType: 'application/vnd.oci.image.manifest.v1+json',
      config: image.config.descriptor,
      layers: image.layers.map((l) => l.descriptor),
      annotations: { 'org.opencontainers.image.title': 't' },
    });
    expect(json(built.index.bytes)).toEqual({
      schemaVersion: 2,
      mediaType: 'application/vnd.oci.image.index.v1+json',
      manifests: [
        {
          ...image.manifest.descriptor,
          annotations: {
            'io.containerd.image.name': 'example.com/team/app:1.0',
            'org.opencontainers.image.ref.name': '1.0',
          },
          platform: { architecture: 'amd64', os: 'linux' },
        },
      ],
    });
    expect(built.name).toBe('example.com/team/app:1.0');
    expect(new TextDecoder().decode(image.config.bytes)).toBe(JSON.stringify(json(image.config.bytes)));
  });

  it('leaves name annotations out for an unnamed image, and history text out when unset', async () => {
    const built = await buildImage(smallSpec({ name: undefined, layers: [{ kind: 'entries', entries: [file('a', 'b')] }] }));
    expect(json(built.index.bytes).manifests[0].annotations).toBeUndefined();
    expect(json(built.images[0].config.bytes).history).toEqual([{ created: '1970-01-01T00:00:00Z' }]);
    expect(built.name).toBeUndefined();
  });

  it('copies blob layers byte for byte and checks their size', async () => {
    const { images: [first] } = await buildImage(smallSpec());
    const copied: BlobLayer = {
      kind: 'blob',
      descriptor: first.layers[0].descriptor,
      diffId: first.layers[0].diffId,
      blob: first.layers[0].blob,
      createdBy: 'from base',
    };
    const { images: [image] } = await buildImage(smallSpec({ layers: [copied] }));
    expect(image.layers[0].blob).toBe(first.layers[0].blob);
    expect(json(image.config.bytes).rootfs.diff_ids).toEqual([first.layers[0].diffId]);

    const lying = { ...copied, descriptor: { ...copied.descriptor, size: 1 } };
    await expect(buildImage(smallSpec({ layers: [lying] }))).rejects.toThrow(/layer 0 \(sha256:[0-9a-f]{64}\): blob has \d+ bytes but its descriptor says 1/);
  });

  it('is deterministic and reports progress per layer', async () => {
    const seen: number[] = [];
    const a = await buildImage(smallSpec(), { onProgress: (p) => seen.push(p.layer) });
    const b = await buildImage(smallSpec());
    expect(a.images[0].manifest.descriptor.digest).toBe(b.images[0].manifest.descriptor.digest);
    expect(a.index.bytes).toEqual(b.index.bytes);
    expect(seen).toEqual([0, 1]);
  });

  it('rejects an invalid name before building', async () => {
    await expect(buildImage(smallSpec({ name: 'Bad/Name' as string, created: 'yesterday' }))).rejects.toThrow(/RFC 3339/);
    await expect(buildImage(smallSpec({ name: 'app:' }))).rejects.toThrow(/tag "" is invalid/);
  });
});

