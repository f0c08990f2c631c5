// Hand-written specs shared by build and writer tests.

import type { FsEntry } from '../core/fs/entry.ts';
import type { ImageSpec } from '../core/build/spec.ts';

export function file(path: string, content: Uint8Array | string, mode = 0o644): FsEntry {
  const blob = new Blob([typeof content === 'string' ? new TextEncoder().encode(content) : (content as Uint8Array<ArrayBuffer>)]);
  return { path, type: 'file', mode, uid: 0, gid: 0, size: blob.size, content: blob };
}

export function symlink(path: string, linkname: string): FsEntry {
  return { path, type: 'symlink', mode: 0o777, uid: 0, gid: 0, size: 0, linkname };
}

export function smallSpec(overrides: Partial<ImageSpec> = {}): ImageSpec {
  return {
    platform: { os: 'linux', architecture: 'amd64' },
    config: { Env: ['PATH=/bin'], Cmd: ['/bin/true'] },
    layers: [
      { kind: 'entries', entries: [file('etc/motd', 'hello\n'), symlink('bin/sh', 'busybox')], createdBy: 'COPY . /' },
      { kind: 'entries', entries: [file('srv/data.txt', 'x'.repeat(10_000))], createdBy: 'COPY data /srv' },
    ],
    name: 'example.com/team/app:1.0',
    ...overrides,
  };
}
