// Starting points offered by "New image": an empty scratch image, a single static binary
// (config ready, binary still to be dropped in), and a text-only example that builds at once.

import type { FsEntry } from '../../core/fs/entry.ts';
import { emptyComposition, newLayer, type Composition } from './model/composition.ts';

export type StarterId = 'scratch' | 'static-binary' | 'text-example';

export const STARTERS: { id: StarterId; title: string; description: string }[] = [
  { id: 'scratch', title: 'Empty (scratch)', description: 'No files, no config: start from nothing.' },
  { id: 'static-binary', title: 'Single static binary', description: 'Entrypoint /app as user 65532; drop your binary on / and name it app.' },
  { id: 'text-example', title: 'Text-only example', description: 'A few text files in two layers, to see how layers and digests work.' },
];

const text = (path: string, body: string): FsEntry => {
  const content = new Blob([body], { type: 'text/plain' });
  return { path, type: 'file', mode: 0o644, uid: 0, gid: 0, size: content.size, content };
};
const dir = (path: string): FsEntry => ({ path, type: 'dir', mode: 0o755, uid: 0, gid: 0, size: 0 });
const byPath = (entries: FsEntry[]) => Object.fromEntries(entries.map((e) => [e.path, e]));

export function starter(id: StarterId): Composition {
  const c = emptyComposition();
  if (id === 'static-binary') {
    c.layers = [{ ...newLayer('COPY app /app'), entries: {} }];
    c.config = { ...c.config, entrypoint: '["/app"]', user: '65532:65532' };
  }
  if (id === 'text-example') {
    const base = newLayer('COPY etc/ /etc/');
    base.entries = byPath([dir('etc'), text('etc/motd', 'Welcome to a Layerpad image.\n'), text('etc/os-release', 'NAME=Layerpad example\nID=layerpad\n')]);
    const docs = newLayer('COPY docs/ /usr/share/doc/example/');
    docs.entries = byPath([
      dir('usr'), dir('usr/share'), dir('usr/share/doc'), dir('usr/share/doc/example'),
      text('usr/share/doc/example/README.txt', 'Every file here is part of layer L2.\nEdit me and watch the digests change.\n'),
      text('etc/motd', 'Welcome! L2 replaced the motd from L1.\n'),
    ]);
    c.layers = [base, docs];
    c.name = 'example:1.0';
    c.config = { ...c.config, labels: 'org.opencontainers.image.title=Layerpad text example' };
  }
  return c;
}
