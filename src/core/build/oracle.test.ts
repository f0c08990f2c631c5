// Independent tools judge what the engine builds: umoci unpacks it (checking digests and
// diff_ids, so it also reads our multi-member gzip), chroot runs its entrypoint, skopeo copies
// and inspects the image tar in both of its readings, oci-image-tool validates the schemas.

import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { existsSync, mkdirSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { buildImage } from './image.ts';
import type { Image, ImageIndex } from '../image/model.ts';
import { writeOciLayoutZip } from '../formats/oci-zip/write.ts';
import { writeImageTar } from '../formats/image-tar/write.ts';
import { BUSYBOX, EXPECTED_OUTPUT, busyboxSpec } from '../../test-support/busybox-image.ts';
import { GZIP_PIECE_SIZE } from '../compress/gzip-pieces.ts';
import { makeTempDir, requireTool, runTool } from '../../test-support/oracle.ts';
import { bundleProcess, runBundle } from '../../test-support/run-bundle.ts';

const tools = ['umoci', 'skopeo', 'oci-image-tool', 'chroot', 'mount', 'python3', 'tar', 'busybox'];
const haveTools = tools.every((tool) => requireTool(tool)) && existsSync(BUSYBOX);

async function save(blob: Blob, path: string): Promise<string> {
  writeFileSync(path, new Uint8Array(await blob.arrayBuffer()));
  return path;
}

function unzip(zipPath: string, into: string): void {
  runTool('python3', ['-c', 'import sys, zipfile; zipfile.ZipFile(sys.argv[1]).extractall(sys.argv[2])', zipPath, into]);
}

describe.skipIf(!haveTools)('oracles: a busybox image built by the engine', () => {
  const tmp = makeTempDir('oracle');
  let built: ImageIndex;
  let image: Image;
  let zipPath: string;
  let tarPath: string;
  const layout = join(tmp.path, 'layout');

  beforeAll(async () => {
    built = await buildImage(await busyboxSpec('0:0'));
    image = built.images[0];
    zipPath = await save(await writeOciLayoutZip(built), join(tmp.path, 'image.zip'));
    tarPath = await save(await writeImageTar(built), join(tmp.path, 'image.tar'));
    unzip(zipPath, layout);
  });
  afterAll(() => tmp.remove());

  it('umoci unpacks the zip layout and chroot runs the entrypoint + cmd', () => {
    const bundle = join(tmp.path, 'bundle');
    runTool('umoci', ['unpack', '--rootless', '--image', `${layout}:1.0`, bundle]);
    const runtime = bundleProcess(bundle);
    expect(runtime.args).toEqual(['/bin/busybox', 'sh', '-c', 'cat /etc/motd; echo $GREETING']);
    expect(runtime.env).toContain('GREETING=hi');
    expect(runtime.cwd).toBe('/');
    const out = runBundle(bundle);
    expect(out).toBe(EXPECTED_OUTPUT);
    expect(statSync(join(bundle, 'rootfs/srv/data.bin')).size).toBe(2 * GZIP_PIECE_SIZE + 4321);
  });

  // oci-image-tool's own tar reader fails on every tar (skopeo's too: "end of walk"), so it is
  // given extracted layouts: the zip's, and the image tar's.
  it('oci-image-tool validates both layouts, the manifest and the config', () => {
    const fromTar = join(tmp.path, 'from-tar');
    mkdirSync(fromTar);
    runTool('tar', ['-xf', tarPath, '-C', fromTar]);
    for (const dir of [layout, fromTar]) {
      expect(runTool('oci-image-tool', ['validate', '--type', 'image', '--ref', 'name=1.0', dir])).toMatch(/Validation succeeded/);
    }
    const blob = (digest: string) => join(layout, 'blobs', 'sha256', digest.slice(7));
    runTool('oci-image-tool', ['validate', '--type', 'manifest', blob(image.manifest.descriptor.digest)]);
    runTool('oci-image-tool', ['validate', '--type', 'config', blob(image.config.descriptor.digest)]);
  });

  it('skopeo copies the tar as oci-archive: and as docker-archive:', () => {
    const dest = join(tmp.path, 'copies');
    runTool('skopeo', ['--insecure-policy', 'copy', `oci-archive:${tarPath}`, `oci:${dest}:x`]);
    runTool('skopeo', ['--insecure-policy', 'copy', `docker-archive:${tarPath}`, `oci:${dest}:y`]);
    const index = JSON.parse(readFileSync(join(dest, 'index.json'), 'utf8'));
    expect(index.manifests.map((m: { annotations: Record<string, string> }) => m.annotations['org.opencontainers.image.ref.name'])).toEqual(['x', 'y']);
  });

  it('skopeo inspect --config shows our Env, ExposedPorts and Entrypoint', () => {
    for (const source of [`oci-archive:${tarPath}`, `docker-archive:${tarPath}`]) {
      const config = JSON.parse(runTool('skopeo', ['inspect', '--config', source]));
      expect(config.config.Env).toEqual(['GREETING=hi', 'PATH=/bin']);
      expect(config.config.ExposedPorts).toEqual({ '8080/tcp': {} });
      expect(config.config.Entrypoint).toEqual(['/bin/busybox', 'sh', '-c']);
      expect(config.rootfs.diff_ids).toEqual(image.layers.map((l) => l.diffId));
    }
  });

  it('a numeric non-root User survives into the config and the runtime spec', async () => {
    const other = await buildImage(await busyboxSpec('1000:1000'));
    const tar = await save(await writeImageTar(other), join(tmp.path, 'user.tar'));
    expect(JSON.parse(runTool('skopeo', ['inspect', '--config', `oci-archive:${tar}`])).config.User).toBe('1000:1000');

    const dir = join(tmp.path, 'user-layout');
    unzip(await save(await writeOciLayoutZip(other), join(tmp.path, 'user.zip')), dir);
    const bundle = join(tmp.path, 'user-bundle');
    runTool('umoci', ['unpack', '--rootless', '--image', `${dir}:1.0`, bundle]);
    const runtime = JSON.parse(readFileSync(join(bundle, 'config.json'), 'utf8'));
    expect(runtime.process.user).toMatchObject({ uid: 1000, gid: 1000 });
  });
});
