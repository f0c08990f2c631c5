// A small image description that exercises every path of the writer (long and UTF-8 names,
// symlinks, hardlinks, whiteouts, empty dirs, several layers, all config fields). Built in Node and
// in Chromium by the determinism test, which expects the two archives to be byte-identical.

import type { FsEntry } from '../src/core/fs/entry.ts';
import type { ImageSpec } from '../src/core/build/spec.ts';
import { mixedEntries } from './mixed-content.ts';

function text(path: string, body: string, mode = 0o644): FsEntry {
  const content = new Blob([body]);
  return { path, type: 'file', mode, uid: 0, gid: 0, size: content.size, content };
}

export function sampleImageSpec(): ImageSpec {
  const longDir = 'srv/' + 'deeply-nested-directory-name/'.repeat(6);
  return {
    platform: { os: 'linux', architecture: 'arm', variant: 'v7' },
    created: '2024-05-01T12:00:00Z',
    author: 'Layerpad determinism test',
    name: 'example.com/layerpad/sample:1.0',
    annotations: { 'org.opencontainers.image.title': 'sample' },
    config: {
      User: '1000:1000',
      Env: ['PATH=/usr/bin:/bin', 'GREETING=grüß dich'],
      Entrypoint: ['/bin/app'],
      Cmd: ['--serve'],
      ExposedPorts: { '8080/tcp': {}, '53/udp': {} },
      Volumes: { '/data': {} },
      WorkingDir: '/srv',
      Labels: { 'org.example.team': 'layerpad' },
      StopSignal: 'SIGTERM',
    },
    layers: [
      {
        kind: 'entries',
        createdBy: 'COPY mixed content',
        entries: mixedEntries(6 * 1024 * 1024, 7),
      },
      {
        kind: 'entries',
        createdBy: 'ADD app files',
        entries: [
          text('bin/app', '#!/bin/sh\necho app\n', 0o755),
          { path: 'bin/run', type: 'symlink', mode: 0o777, uid: 0, gid: 0, size: 0, linkname: 'app' },
          { path: 'bin/app-hard', type: 'hardlink', mode: 0o755, uid: 0, gid: 0, size: 0, linkname: 'bin/app' },
          text(`${longDir}file-with-a-long-name.txt`, 'long path\n'),
          text('srv/ünïcødé-名前.txt', 'utf-8 name\n'),
          { path: 'var/empty', type: 'dir', mode: 0o700, uid: 1000, gid: 1000, size: 0 },
          { path: 'opt/assets/part-000', type: 'whiteout', mode: 0, uid: 0, gid: 0, size: 0 },
          { path: 'usr/share/doc', type: 'opaque', mode: 0, uid: 0, gid: 0, size: 0 },
        ],
      },
    ],
  };
}

/**
 * The sample for two platforms: arm/v7 as above and amd64, sharing the mixed-content layer (the
 * same layer object, built once) and each with its own app layer.
 */
export function multiPlatformSampleSpecs(): ImageSpec[] {
  const arm = sampleImageSpec();
  const amd64: ImageSpec = {
    ...arm,
    platform: { os: 'linux', architecture: 'amd64' },
    layers: [arm.layers[0], { kind: 'entries', createdBy: 'ADD app files', entries: [text('bin/app', '#!/bin/sh\necho amd64 app\n', 0o755)] }],
  };
  return [arm, amd64];
}
