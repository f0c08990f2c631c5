// Independent tools judge a two-platform image: one shared layer (busybox + motd) built and stored
// once, one layer per platform holding that platform's /app. skopeo sees the index with both
// platforms and, told an architecture, copies that platform's manifest, whose /app umoci unpacks;
// oci-image-tool validates the layout; Docker loads and runs the amd64 image from the image tar.

import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { existsSync, openAsBlob, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { buildIndex } from './image.ts';
import type { EntriesLayer, ImageSpec } from './spec.ts';
import type { ImageIndex } from '../image/model.ts';
import { writeOciLayoutZip } from '../formats/oci-zip/write.ts';
import { dockerLoadImage, writeImageTar } from '../formats/image-tar/write.ts';
import { file, symlink } from '../../test-support/image.ts';
import { makeTempDir, requireTool, runTool } from '../../test-support/oracle.ts';
import { startPrivateDocker } from '../../test-support/docker-daemon.ts';

const haveTools = ['skopeo', 'umoci', 'oci-image-tool', 'unzip', 'dockerd', 'docker', 'busybox'].every((t) => requireTool(t)) && existsSync('/bin/busybox');
const skopeo = (...args: string[]) => runTool('skopeo', ['--insecure-policy', ...args]);

async function specs(): Promise<ImageSpec[]> {
  const busybox = await openAsBlob('/bin/busybox');
  const shared: EntriesLayer = {
    kind: 'entries',
    createdBy: 'COPY busybox motd /',
    entries: [{ path: 'bin/busybox', type: 'file', mode: 0o755, uid: 0, gid: 0, size: busybox.size, content: busybox }, symlink('bin/sh', 'busybox'), file('etc/motd', 'shared motd\n')],
  };
  const forPlatform = (arch: string, variant?: string): ImageSpec => ({
    platform: { os: 'linux', architecture: arch, ...(variant ? { variant } : {}) },
    config: { Entrypoint: ['/bin/busybox', 'sh', '-c'], Cmd: ['cat /etc/motd /app'] },
    layers: [shared, { kind: 'entries', createdBy: `COPY app-${arch} /app`, entries: [file('app', `the ${arch} app\n`, 0o755)] }],
    name: 'layerpad-test/multi:1.0',
  });
  return [forPlatform('amd64'), forPlatform('arm64', 'v8')];
}

describe.skipIf(!haveTools)('oracles: a two-platform image', () => {
  const tmp = makeTempDir('multi');
  const layout = join(tmp.path, 'layout');
  let built: ImageIndex;
  let tarPath: string;

  beforeAll(async () => {
    built = await buildIndex(await specs());
    const zip = join(tmp.path, 'multi.zip');
    writeFileSync(zip, new Uint8Array(await (await writeOciLayoutZip(built)).arrayBuffer()));
    runTool('unzip', ['-q', zip, '-d', layout]);
    tarPath = join(tmp.path, 'multi.tar');
    writeFileSync(tarPath, new Uint8Array(await (await writeImageTar(built)).arrayBuffer()));
  });
  afterAll(() => tmp.remove());

  it('stores the shared layer once and names an image index with both platforms', () => {
    const [amd, arm] = built.images;
    expect(amd.layers[0]).toBe(arm.layers[0]);
    const blobs = new Set([...built.images.flatMap((i) => [i.config, i.manifest].map((d) => d.descriptor.digest)), ...built.images.flatMap((i) => i.layers.map((l) => l.descriptor.digest)), built.imageIndex!.descriptor.digest]);
    expect(runTool('ls', [join(layout, 'blobs', 'sha256')]).trim().split('\n').sort()).toEqual([...blobs].map((d) => d.slice(7)).sort());
    const raw = JSON.parse(skopeo('inspect', '--raw', `oci:${layout}:1.0`));
    expect(raw.mediaType).toBe('application/vnd.oci.image.index.v1+json');
    expect(raw.manifests.map((m: { platform: unknown }) => m.platform)).toEqual([{ architecture: 'amd64', os: 'linux' }, { architecture: 'arm64', os: 'linux', variant: 'v8' }]);
  });

  it('skopeo picks each platform by architecture and umoci unpacks that platform\'s /app', () => {
    for (const arch of ['amd64', 'arm64']) {
      const dest = join(tmp.path, `copy-${arch}`);
      skopeo('copy', '--override-arch', arch, `oci:${layout}:1.0`, `oci:${dest}:x`);
      const bundle = join(tmp.path, `bundle-${arch}`);
      runTool('umoci', ['unpack', '--rootless', '--image', `${dest}:x`, bundle]);
      expect(readFileSync(join(bundle, 'rootfs', 'app'), 'utf8')).toBe(`the ${arch} app\n`);
      expect(readFileSync(join(bundle, 'rootfs', 'etc', 'motd'), 'utf8')).toBe('shared motd\n');
    }
  });

  // Debian's oci-image-tool (1.0.0-rc) does not know the image index media type (it warns) but
  // checks every blob's digest; each platform's manifest and config are validated on their own.
  it('oci-image-tool validates the layout, and each manifest and config', () => {
    expect(runTool('oci-image-tool', ['validate', '--type', 'image', '--ref', 'name=1.0', layout])).toMatch(/Validation succeeded/);
    const blob = (digest: string) => join(layout, 'blobs', 'sha256', digest.slice(7));
    for (const image of built.images) {
      runTool('oci-image-tool', ['validate', '--type', 'manifest', blob(image.manifest.descriptor.digest)]);
      runTool('oci-image-tool', ['validate', '--type', 'config', blob(image.config.descriptor.digest)]);
    }
  });

  it('the image tar names the amd64 image for docker load, which Docker runs', async () => {
    expect(dockerLoadImage(built)).toBe(built.images[0]);
    const manifest = JSON.parse(runTool('tar', ['-xOf', tarPath, 'manifest.json']));
    expect(manifest).toHaveLength(1);
    expect(manifest[0].Config).toBe(`blobs/sha256/${built.images[0].config.descriptor.digest.slice(7)}`);
    const daemon = await startPrivateDocker();
    try {
      expect(daemon.docker(['load', '--input', tarPath])).toContain('Loaded image: layerpad-test/multi:1.0');
      expect(daemon.docker(['run', '--rm', '--network', 'none', 'layerpad-test/multi:1.0'])).toBe('shared motd\nthe amd64 app\n');
    } finally {
      await daemon.stop();
    }
  });

  it('is byte-identical when built again', async () => {
    const again = await buildIndex(await specs());
    expect(again.index.bytes).toEqual(built.index.bytes);
    expect(Buffer.from(await (await writeImageTar(again)).arrayBuffer()).equals(readFileSync(tarPath))).toBe(true);
  });
});
