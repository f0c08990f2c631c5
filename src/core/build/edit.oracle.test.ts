// Independent tools judge an edited image: a base made by umoci, opened as a dropped folder, gets
// a file added, a symlink deleted (a whiteout), a file replaced and its Env and Cmd changed. umoci
// unpacks and chroot runs the result; skopeo shows the base's layers and history kept; squashing
// gives the same root filesystem; recompressing to zstd keeps every diff_id and podman runs it.

import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { existsSync, lstatSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { buildImage } from './image.ts';
import { squashImage } from './squash.ts';
import { recompressImage } from './recompress.ts';
import { indexImages } from '../image/assemble.ts';
import type { ImageIndex } from '../image/model.ts';
import { openBase, type OpenedBase } from '../edit/base.ts';
import { withDeletions } from '../fs/deletions.ts';
import { writeOciLayoutZip } from '../formats/oci-zip/write.ts';
import { writeImageTar } from '../formats/image-tar/write.ts';
import { file } from '../../test-support/image.ts';
import { BASE_CMD, BASE_MOTD, folderFiles, umociBase } from '../../test-support/edit-bases.ts';
import { makeTempDir, requireTool, runTool } from '../../test-support/oracle.ts';
import { runBundle } from '../../test-support/run-bundle.ts';
import { privatePodman } from '../../test-support/private-podman.ts';

const haveTools = ['umoci', 'skopeo', 'podman', 'chroot', 'mount', 'diff', 'find', 'unzip', 'busybox'].every((t) => requireTool(t)) && existsSync('/bin/busybox');
const NEW_PASSWD = 'root:x:0:0:root:/root:/bin/sh\napp:x:1000:1000::/home/app:/bin/sh\n';
const MOTD2 = 'Added by the edit\n';
const RUN = 'cat /etc/motd /etc/motd2 /etc/passwd; echo $GREETING; test -e /bin/ls || echo no-ls';
const EXPECTED = `${BASE_MOTD}${MOTD2}${NEW_PASSWD}edited\nno-ls\n`;

describe.skipIf(!haveTools)('oracles: an umoci-made base image, edited', () => {
  const tmp = makeTempDir('edit-oracle');
  const podman = privatePodman();
  let base: OpenedBase;
  let edited: ImageIndex;

  const save = async (blob: Blob, name: string) => {
    const path = join(tmp.path, name);
    writeFileSync(path, new Uint8Array(await blob.arrayBuffer()));
    return path;
  };
  const unpack = async (layout: ImageIndex, name: string) => {
    const dir = join(tmp.path, `${name}-layout`);
    runTool('unzip', ['-q', await save(await writeOciLayoutZip(layout), `${name}.zip`), '-d', dir]);
    const bundle = join(tmp.path, `${name}-bundle`);
    runTool('umoci', ['unpack', '--rootless', '--image', `${dir}:1.0`, bundle]);
    return bundle;
  };

  beforeAll(async () => {
    const { layout } = umociBase(tmp.path);
    base = await openBase(await folderFiles(layout), 'layout');
    edited = await buildImage({
      base: base.image,
      platform: { os: 'linux', architecture: 'amd64' },
      config: { Env: ['PATH=/bin', 'GREETING=edited'], Entrypoint: BASE_CMD.slice(0, 3), Cmd: [RUN] },
      created: '2024-01-02T03:04:05Z',
      layers: [{
        kind: 'entries',
        createdBy: 'layerpad edit',
        entries: withDeletions([file('etc/motd2', MOTD2), file('etc/passwd', NEW_PASSWD)], ['bin/ls']),
      }],
      name: 'layerpad-test/edited:1.0',
    });
  });
  afterAll(() => {
    podman.remove();
    tmp.remove();
  });

  it('keeps the base layers byte for byte, in order, and puts the new one on top', () => {
    const image = edited.images[0];
    expect(image.layers.slice(0, 2)).toEqual(base.image.layers);
    expect(image.layers).toHaveLength(3);
    const manifest = JSON.parse(new TextDecoder().decode(image.manifest.bytes));
    expect(manifest.layers.slice(0, 2).map((l: { digest: string }) => l.digest)).toEqual(base.image.layers.map((l) => l.descriptor.digest));
  });

  it('skopeo shows the base history followed by the new entry, and the new Env', async () => {
    const tar = await save(await writeImageTar(edited), 'edited.tar');
    const config = JSON.parse(runTool('skopeo', ['inspect', '--config', `oci-archive:${tar}`]));
    const baseHistory = base.image.config.value.history!;
    expect(config.history.slice(0, baseHistory.length)).toEqual(baseHistory);
    expect(config.history.slice(baseHistory.length)).toEqual([{ created: '2024-01-02T03:04:05Z', created_by: 'layerpad edit' }]);
    expect(config.config.Env).toEqual(['PATH=/bin', 'GREETING=edited']);
    expect(config.rootfs.diff_ids.slice(0, 2)).toEqual(base.image.layers.map((l) => l.diffId));
  });

  it('umoci unpacks it without /bin/ls, and chroot runs the new command', async () => {
    const bundle = await unpack(edited, 'edited');
    expect(existsSync(join(bundle, 'rootfs/bin/ls'))).toBe(false);
    expect(lstatSync(join(bundle, 'rootfs/bin/sh')).isSymbolicLink()).toBe(true);
    expect(readFileSync(join(bundle, 'rootfs/etc/passwd'), 'utf8')).toBe(NEW_PASSWD);
    expect(runBundle(bundle)).toBe(EXPECTED);
  });

  it('squashed, it unpacks to the same root filesystem: names, types, modes, owners and contents', async () => {
    const squashed = await indexImages([await squashImage(edited.images[0])], edited.name);
    expect(squashed.images[0].layers).toHaveLength(1);
    const history = squashed.images[0].config.value.history!;
    expect(history.filter((h) => !h.empty_layer)).toHaveLength(1);
    const [a, b] = [await unpack(edited, 'unsquashed'), await unpack(squashed, 'squashed')];
    const listing = (bundle: string) => runTool('find', ['.', '-printf', '%p %y %m %U %G %s %l\n'], { cwd: join(bundle, 'rootfs') }).split('\n').sort();
    expect(listing(b)).toEqual(listing(a));
    runTool('diff', ['-r', '--no-dereference', join(a, 'rootfs'), join(b, 'rootfs')]);
    expect(runBundle(b)).toBe(EXPECTED);
  });

  it('recompressed to zstd: skopeo shows zstd media types and the same diff_ids; podman runs it', async () => {
    const zstd = await indexImages([await recompressImage(edited.images[0], 'zstd')], edited.name);
    const image = zstd.images[0];
    expect(image.config.bytes).toEqual(edited.images[0].config.bytes);
    const tar = await save(await writeImageTar(zstd), 'zstd.tar');
    const raw = JSON.parse(runTool('skopeo', ['inspect', '--raw', `oci-archive:${tar}`]));
    expect(raw.layers.map((l: { mediaType: string }) => l.mediaType)).toEqual(Array(3).fill('application/vnd.oci.image.layer.v1.tar+zstd'));
    expect(raw.layers.map((l: { digest: string }) => l.digest)).not.toContain(edited.images[0].layers[0].descriptor.digest);
    const config = JSON.parse(runTool('skopeo', ['inspect', '--config', `oci-archive:${tar}`]));
    expect(config.rootfs.diff_ids).toEqual(edited.images[0].layers.map((l) => l.diffId));
    podman.podman(['load', '--input', tar]);
    expect(podman.run(['layerpad-test/edited:1.0'])).toBe(EXPECTED);
  });
});
