// Base images for the editing oracles, each made by an independent tool inside the test: umoci
// builds an OCI layout, the private Docker daemon builds and `docker save`s one. Both are busybox
// with a few files in two layers: /bin/ls is a symlink to busybox, /etc/passwd names root only.

import { copyFileSync, mkdirSync, openAsBlob, readdirSync, rmSync, statSync, symlinkSync, writeFileSync } from 'node:fs';
import { join, relative } from 'node:path';
import type { FolderFile } from '../core/formats/folder/read.ts';
import type { PrivateDocker } from './docker-daemon.ts';
import { runTool } from './oracle.ts';

export const BASE_PASSWD = 'root:x:0:0:root:/root:/bin/sh\n';
export const BASE_MOTD = 'Welcome to the base image\n';
export const BASE_CMD = ['/bin/busybox', 'sh', '-c', 'cat /etc/motd'];

function writeBaseFiles(root: string): void {
  mkdirSync(join(root, 'bin'), { recursive: true });
  mkdirSync(join(root, 'etc'), { recursive: true });
  copyFileSync('/bin/busybox', join(root, 'bin', 'busybox'));
  symlinkSync('busybox', join(root, 'bin', 'sh'));
  symlinkSync('busybox', join(root, 'bin', 'ls'));
  writeFileSync(join(root, 'etc', 'passwd'), BASE_PASSWD);
}

/** An OCI layout (`<dir>/layout`, tag `base`) made by umoci: L1 busybox + passwd, L2 the motd. */
export function umociBase(dir: string): { layout: string; tag: string } {
  const layout = join(dir, 'layout');
  const bundle = join(dir, 'bundle');
  const umoci = (...args: string[]) => runTool('umoci', args, { cwd: dir });
  umoci('init', '--layout', layout);
  umoci('new', '--image', `${layout}:base`);
  umoci('unpack', '--rootless', '--image', `${layout}:base`, bundle);
  writeBaseFiles(join(bundle, 'rootfs'));
  umoci('repack', '--history.created_by', 'COPY busybox passwd /', '--image', `${layout}:base`, bundle);
  // umoci diffs a bundle against the unpack it came from: a fresh unpack makes the next layer.
  rmSync(bundle, { recursive: true, force: true });
  umoci('unpack', '--rootless', '--image', `${layout}:base`, bundle);
  writeFileSync(join(bundle, 'rootfs', 'etc', 'motd'), BASE_MOTD);
  umoci('repack', '--history.created_by', 'COPY motd /etc/', '--image', `${layout}:base`, bundle);
  umoci('config', '--config.env', 'PATH=/bin', '--config.entrypoint', BASE_CMD[0], ...BASE_CMD.slice(1).flatMap((a) => ['--config.entrypoint', a]),
    '--history.created_by', 'ENTRYPOINT', '--image', `${layout}:base`);
  return { layout, tag: 'base' };
}

/** An image the private Docker daemon builds FROM scratch in two layers and saves (legacy docker save); returns the tar. */
export function dockerBase(docker: PrivateDocker['docker'], dir: string, name = 'layerpad-base/busybox:1.0'): string {
  const context = join(dir, 'context');
  writeBaseFiles(context);
  writeFileSync(join(context, 'etc', 'motd'), BASE_MOTD);
  writeFileSync(join(context, 'Dockerfile'), [
    'FROM scratch',
    'COPY bin/ /bin/',
    'COPY etc/ /etc/',
    'ENV PATH=/bin',
    `ENTRYPOINT ${JSON.stringify(BASE_CMD)}`,
    '',
  ].join('\n'));
  docker(['build', '--network', 'none', '-t', name, context]);
  const tar = join(dir, 'docker-base.tar');
  docker(['save', '-o', tar, name]);
  return tar;
}

/** A directory as the files a browser hands over for a dropped folder. */
export async function folderFiles(dir: string): Promise<FolderFile[]> {
  const out: FolderFile[] = [];
  const walk = async (at: string) => {
    for (const name of readdirSync(at).sort()) {
      const path = join(at, name);
      if (statSync(path).isDirectory()) await walk(path);
      else out.push({ path: relative(dir, path), file: await openAsBlob(path) });
    }
  };
  await walk(dir);
  return out;
}
