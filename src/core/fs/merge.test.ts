import { describe, expect, it } from 'vitest';
import type { FsEntry } from './entry.ts';
import { largestFiles, mergeLayers, sortedChildren } from './merge.ts';
import { resolvePath } from './links.ts';
import { MAX_PROBLEMS } from '../problem.ts';

const file = (path: string, size = 10): FsEntry => ({ path, type: 'file', mode: 0o644, uid: 0, gid: 0, size });
const dir = (path: string): FsEntry => ({ path, type: 'dir', mode: 0o755, uid: 0, gid: 0, size: 0 });
const link = (path: string, linkname: string, type: 'symlink' | 'hardlink' = 'symlink'): FsEntry => ({ path, type, linkname, mode: 0o777, uid: 0, gid: 0, size: 0 });
const whiteout = (path: string): FsEntry => ({ path, type: 'whiteout', mode: 0, uid: 0, gid: 0, size: 0 });
const opaque = (path: string): FsEntry => ({ path, type: 'opaque', mode: 0, uid: 0, gid: 0, size: 0 });

describe('mergeLayers', () => {
  it('applies whiteouts and marks added / modified / deleted against lower layers', () => {
    const fs = mergeLayers([
      [dir('etc'), file('etc/passwd', 100), file('etc/shadow', 50), dir('tmp'), file('tmp/big', 1000), file('tmp/x', 5)],
      [file('etc/passwd', 120), whiteout('tmp'), file('new', 7)],
    ]);
    expect(fs.changes[1]).toEqual(['modified', 'deleted', 'added']);
    expect(fs.lookup('tmp')).toBeUndefined();
    expect(fs.lookup('etc/passwd')).toMatchObject({ layer: 1, entry: { size: 120 } });
    expect([...fs.hiddenByLayer[0].keys()].sort()).toEqual(['etc/passwd', 'tmp', 'tmp/big', 'tmp/x']);
    expect(fs.hiddenByLayer[0].get('tmp/big')).toMatchObject({ hiddenBy: 1, reason: 'deleted' });
    expect(fs.hiddenByLayer[0].get('etc/passwd')).toMatchObject({ hiddenBy: 1, reason: 'overwritten' });
    expect(fs.wastedBytes).toEqual([1105, 0]);
    expect(fs.wastedTotal).toBe(1105);
    expect(fs.totalBytes).toBe(120 + 50 + 7);
    expect(largestFiles(fs, 2).map((n) => n.path)).toEqual(['etc/passwd', 'etc/shadow']);
    expect(sortedChildren(fs.root).map((n) => n.name)).toEqual(['etc', 'new']);
  });

  it('applies an opaque dir before same-layer siblings wherever it stands in the layer', () => {
    const fs = mergeLayers([
      [dir('app'), file('app/old', 30), file('app/keep', 40)],
      [dir('app'), file('app/fresh', 1), opaque('app')], // opaque listed last
    ]);
    expect(sortedChildren(fs.lookup('app')!).map((n) => n.name)).toEqual(['fresh']);
    expect(fs.hiddenByLayer[0].get('app/old')).toMatchObject({ reason: 'opaque', hiddenBy: 1 });
    expect(fs.wastedBytes[0]).toBe(70);
    expect(fs.changes[1]).toEqual(['modified', 'added', 'deleted']);
  });

  it('a whiteout never hides a same-layer entry, and deleting nothing is a warning', () => {
    const fs = mergeLayers([[file('a')], [file('a', 3), whiteout('a'), whiteout('ghost')]]);
    expect(fs.lookup('a')?.entry.size).toBe(3);
    expect(fs.problems).toContainEqual({ severity: 'warning', where: 'layer 1 ghost', message: 'whiteout deletes nothing (no such path in the layers below)' });
  });

  it('duplicate paths in one layer: last wins with a warning', () => {
    const fs = mergeLayers([[file('a', 1), file('a', 2)]]);
    expect(fs.lookup('a')?.entry.size).toBe(2);
    expect(fs.problems).toContainEqual({ severity: 'warning', where: 'layer 0 a', message: 'appears more than once in the layer; the last one wins' });
  });

  it('a layer of 50 000 pointless whiteouts costs MAX_PROBLEMS messages and one count', () => {
    const fs = mergeLayers([[file('a')], Array.from({ length: 50_000 }, (_, i) => whiteout(`ghost${i}`))]);
    expect(fs.problems).toHaveLength(MAX_PROBLEMS + 1);
    expect(fs.problems.at(-1)?.message).toBe(`and ${50_000 - MAX_PROBLEMS} more like the ones above (not listed)`);
  });

  it('creates implicit parents, and a file replacing a directory hides its subtree', () => {
    const fs = mergeLayers([[file('x/y/z', 9)], [file('x', 1)]]);
    expect(fs.lookup('x')?.entry.type).toBe('file');
    expect(fs.hiddenByLayer[0].has('x/y/z')).toBe(true);
    expect(fs.hiddenByLayer[0].has('x/y')).toBe(false); // implicit, never in the tar
    expect(fs.wastedBytes[0]).toBe(9);
  });

  it('a hidden file that a visible hardlink still names is not wasted', () => {
    const fs = mergeLayers([[file('a', 500), link('b', 'a', 'hardlink')], [whiteout('a')]]);
    expect(fs.wastedBytes[0]).toBe(0);
  });

  it('caps depth and count without recursion', () => {
    const deep = Array.from({ length: 10_000 }, () => 'd').join('/');
    const fs = mergeLayers([[file(deep), ...Array.from({ length: 20 }, (_, i) => file(`f${i}`))]], { maxDepth: 256, maxEntries: 10 });
    expect(fs.problems.map((p) => p.message)).toEqual(['path is deeper than 256 levels; skipped', 'more than 10 entries in the merged filesystem; the rest are skipped']);
    expect(fs.fileCount).toBe(10);
    const ok = mergeLayers([[file(Array.from({ length: 5000 }, () => 'd').join('/'))]], { maxDepth: 10_000, maxEntries: 100_000 });
    expect(ok.fileCount).toBe(1);
  });
});

describe('resolvePath', () => {
  const fs = mergeLayers([[
    dir('bin'), file('bin/busybox', 1), link('bin/sh', 'busybox'), link('bin/abs', '/bin/sh'),
    dir('usr'), link('usr/bin', '../bin'), link('esc', '../../../../bin/busybox'),
    link('loop1', 'loop2'), link('loop2', 'loop1'), link('dangling', 'nowhere'),
    link('through', 'bin/busybox/x'), link('hard', 'bin/busybox', 'hardlink'), link('self', 'self/x'),
  ]]);
  it('follows relative, absolute and chained links', () => {
    expect(resolvePath(fs, 'bin/abs')).toMatchObject({ ok: true, path: 'bin/busybox', hops: 2 });
    expect(resolvePath(fs, 'usr/bin/sh')).toMatchObject({ ok: true, path: 'bin/busybox', hops: 2, clamped: false });
    expect(resolvePath(fs, 'hard')).toMatchObject({ ok: true, path: 'bin/busybox' });
    expect(resolvePath(fs, 'bin/abs', { followFinal: false })).toMatchObject({ ok: true, path: 'bin/abs', hops: 0 });
  });
  it('clamps links escaping the root to the root, as chroot does', () => {
    expect(resolvePath(fs, 'esc')).toMatchObject({ ok: true, path: 'bin/busybox', clamped: true });
  });
  it('reports loops, missing targets and files used as directories as broken', () => {
    expect(resolvePath(fs, 'loop1')).toMatchObject({ ok: false, reason: 'loop', message: 'more than 40 links followed from /loop1 (a link loop)' });
    expect(resolvePath(fs, 'self')).toMatchObject({ ok: false, reason: 'loop' });
    expect(resolvePath(fs, 'dangling')).toMatchObject({ ok: false, reason: 'missing', message: '/nowhere does not exist in the image' });
    expect(resolvePath(fs, 'through')).toMatchObject({ ok: false, reason: 'not-a-directory', at: 'bin/busybox' });
  });
  it('a link whose target has 300 000 segments is walked, not spread onto the stack', () => {
    const long = mergeLayers([[link('far', Array.from({ length: 300_000 }, () => 'x').join('/'))]]);
    expect(resolvePath(long, 'far')).toMatchObject({ ok: false, reason: 'missing', message: '/x does not exist in the image' });
  });
});
