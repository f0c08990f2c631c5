// The image every runtime oracle runs: busybox-static at /bin/busybox, a motd, and a layer big
// enough to be a multi-member gzip. Its command prints the motd and $GREETING.

import { openAsBlob, writeFileSync } from 'node:fs';
import type { ImageSpec } from '../core/build/spec.ts';
import { buildImage } from '../core/build/image.ts';
import { writeImageTar } from '../core/formats/image-tar/write.ts';
import { GZIP_PIECE_SIZE } from '../core/compress/gzip-pieces.ts';
import { noise } from './bytes.ts';
import { file, symlink } from './image.ts';

export const BUSYBOX = '/bin/busybox';
export const MOTD = 'Welcome to a Layerpad image.\n';
/** What the image prints when run. */
export const EXPECTED_OUTPUT = `${MOTD}hi\n`;

export async function busyboxSpec(user: string): Promise<ImageSpec> {
  const busybox = await openAsBlob(BUSYBOX);
  return {
    platform: { os: 'linux', architecture: 'amd64' },
    config: {
      User: user,
      Env: ['GREETING=hi', 'PATH=/bin'],
      Entrypoint: ['/bin/busybox', 'sh', '-c'],
      Cmd: ['cat /etc/motd; echo $GREETING'],
      WorkingDir: '/',
      ExposedPorts: { '8080/tcp': {} },
    },
    layers: [
      {
        kind: 'entries',
        createdBy: 'COPY busybox /bin/',
        entries: [
          { path: 'bin/busybox', type: 'file', mode: 0o755, uid: 0, gid: 0, size: busybox.size, content: busybox },
          symlink('bin/sh', 'busybox'),
        ],
      },
      { kind: 'entries', createdBy: 'COPY motd /etc/', entries: [file('etc/motd', MOTD)] },
      // Over two 4 MiB pieces, so this layer is a multi-member gzip the tools must read whole.
      { kind: 'entries', createdBy: 'COPY data /srv/', entries: [file('srv/data.bin', noise(2 * GZIP_PIECE_SIZE + 4321))] },
    ],
    name: 'layerpad-test/busybox:1.0',
  };
}

/** Builds the busybox image running as `user` and writes its image tar (the docker/podman load form) to `path`. */
export async function writeBusyboxImageTar(path: string, user: string): Promise<void> {
  const tar = await writeImageTar(await buildImage(await busyboxSpec(user)));
  writeFileSync(path, new Uint8Array(await tar.arrayBuffer()));
}
