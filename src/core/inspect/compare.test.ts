import { describe, expect, it } from 'vitest';
import { buildIndex } from '../build/image.ts';
import type { EntriesLayer, ImageSpec } from '../build/spec.ts';
import type { FsEntry } from '../fs/entry.ts';
import { compareSides } from './compare.ts';
import { listSide, sideLayersOfImage } from './compare-side.ts';

const file = (path: string, text: string, mode = 0o644): FsEntry => {
  const content = new Blob([text]);
  return { path, type: 'file', mode, uid: 0, gid: 0, size: content.size, content };
};
const link = (path: string, target: string): FsEntry => ({ path, type: 'symlink', mode: 0o777, uid: 0, gid: 0, size: 0, linkname: target });
const whiteout = (path: string): FsEntry => ({ path, type: 'whiteout', mode: 0, uid: 0, gid: 0, size: 0 });

const base: EntriesLayer = { kind: 'entries', entries: [file('etc/motd', 'hello'), file('etc/keep', 'same'), file('etc/gone', 'bye'), link('bin/sh', 'busybox'), file('bin/run', 'run')], createdBy: 'base' };
const spec = (layers: EntriesLayer[], env: string[]): ImageSpec => ({ platform: { os: 'linux', architecture: 'amd64' }, config: { Env: env }, layers });

async function sides(a: ImageSpec, b: ImageSpec) {
  const [ia, ib] = [(await buildIndex([a])).images[0], (await buildIndex([b])).images[0]];
  return [await listSide('A', sideLayersOfImage(ia), ia.config.value), await listSide('B', sideLayersOfImage(ib), ib.config.value)] as const;
}

describe('compareSides', () => {
  it('matches layers by diff_id, compares the config field by field and diffs the files with the layer that made each change', async () => {
    const top: EntriesLayer = {
      kind: 'entries',
      createdBy: 'edit',
      entries: [file('etc/motd', 'HELLO'), file('etc/new', 'new'), whiteout('etc/gone'), link('bin/sh', 'ash'), file('bin/run', 'run', 0o755), file('etc/size', 'longer text')],
    };
    const [a, b] = await sides(spec([base, { kind: 'entries', entries: [file('etc/size', 'short')] }], ['A=1']), spec([base, top], ['A=2']));
    const comparison = await compareSides(a, b);
    const { view } = comparison;
    expect(view.layers.map((l) => l.status)).toEqual(['shared', 'only A', 'only B']);
    expect(view.config.filter((f) => f.status !== 'same').map((f) => f.path)).toEqual(['config.Env', 'rootfs.diff_ids', 'history']);
    expect(view.config.find((f) => f.path === 'config.Env')).toEqual({ path: 'config.Env', a: '["A=1"]', b: '["A=2"]', status: 'changed' });
    const rows = comparison.rows('all', 0, 100).map((r) => [r.path, r.kind, r.changes.join('+'), r.a?.layer, r.b?.layer, r.removedBy]);
    expect(rows).toEqual([
      ['bin/run', 'changed', 'mode', 0, 1, undefined],
      ['bin/sh', 'changed', 'link', 0, 1, undefined],
      ['etc/gone', 'removed', '', 0, undefined, 1],
      ['etc/motd', 'changed', 'content', 0, 1, undefined],
      ['etc/new', 'added', '', undefined, 1, undefined],
      ['etc/size', 'changed', 'content', 1, 1, undefined],
    ]);
    expect(view.counts).toEqual({ all: 6, added: 1, removed: 1, changed: 4 });
    expect(comparison.rows('added', 0, 10).map((r) => r.path)).toEqual(['etc/new']);
  });

  it('finds no change between two layers that hold the same bytes under different tars', async () => {
    // Different tars (one has an extra file that a later layer removes), same visible content.
    const [a, b] = await sides(
      spec([{ kind: 'entries', entries: [file('x', 'same bytes')] }], []),
      spec([{ kind: 'entries', entries: [file('x', 'same bytes'), file('y', 'tmp')] }, { kind: 'entries', entries: [whiteout('y')] }], []),
    );
    const comparison = await compareSides(a, b);
    expect(comparison.view.layers.map((l) => l.status)).toEqual(['only A', 'only B', 'only B']);
    expect(comparison.rows('all', 0, 10)).toEqual([]);
  });
});
