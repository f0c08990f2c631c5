import { describe, expect, it } from 'vitest';
import type { FsEntry } from '../../../core/fs/entry.ts';
import { emptyComposition, newLayer, type ComposeLayer } from './composition.ts';
import { addEntries, EditError, movePaths, removePaths, renamePath, updateEntry } from './edits.ts';
import { nameProblem, normaliseRelative } from './paths.ts';
import { toImageSpec } from './to-spec.ts';
import { composerTree } from './stack.ts';

const file = (path: string, size = 3): FsEntry => ({ path, type: 'file', mode: 0o644, uid: 0, gid: 0, size });
const dir = (path: string): FsEntry => ({ path, type: 'dir', mode: 0o755, uid: 0, gid: 0, size: 0 });

function twoLayers(): ComposeLayer[] {
  let layers = [newLayer('base'), newLayer('app')];
  layers = addEntries(layers, 0, [dir('etc'), file('etc/motd', 10), file('bin/sh', 100)]);
  layers = addEntries(layers, 1, [file('etc/motd', 20), file('app/run', 5)]);
  return layers;
}

describe('names', () => {
  it('explains each rule', () => {
    expect(nameProblem('a/b', [])).toMatch(/"\/"/);
    expect(nameProblem('..', [])).toMatch(/reserved/);
    expect(nameProblem('.', [])).toMatch(/reserved/);
    expect(nameProblem('x\0', [])).toMatch(/NUL/);
    expect(nameProblem('motd', ['motd'])).toMatch(/already exists/);
    expect(nameProblem('héllo wörld', ['motd'])).toBeNull();
    expect(normaliseRelative('./bin//busybox')).toBe('bin/busybox');
    expect(normaliseRelative('../etc/passwd')).toBeNull();
  });
});

describe('tree', () => {
  it('merges layers with implied folders, sizes and marks', () => {
    const layers = twoLayers();
    const tree = composerTree({ layers });
    expect(tree.map((n) => n.name)).toEqual(['app', 'bin', 'etc']);
    const etc = tree[2];
    expect(etc.implicit).toBe(false);
    expect(etc.children?.[0]).toMatchObject({ name: 'motd', size: 20, mark: 'modified', origin: 'L2' });
    expect(tree[1]).toMatchObject({ implicit: true, size: 100 });
    expect(tree.reduce((sum, n) => sum + n.size, 0)).toBe(125);
  });
  it('shows one layer alone', () => {
    const layers = twoLayers();
    const tree = composerTree({ layers }, 1);
    expect(tree.map((n) => n.name)).toEqual(['app', 'etc']);
    expect(tree[0].children?.[0].mark).toBe('added');
  });
});

describe('edits', () => {
  it('renames a folder in every layer and bumps revisions', () => {
    const before = twoLayers();
    const layers = renamePath(before, 'etc', 'config');
    expect(Object.keys(layers[0].entries).sort()).toEqual(['bin/sh', 'config', 'config/motd']);
    expect(Object.keys(layers[1].entries).sort()).toEqual(['app/run', 'config/motd']);
    expect(layers[1].entries['config/motd'].path).toBe('config/motd');
    expect(layers.map((l, i) => l.revision > before[i].revision)).toEqual([true, true]);
  });
  it('never gives a layer a revision it had before, so an edit after an undo is not taken for the undone one', () => {
    const start = twoLayers();
    const undone = addEntries(start, 1, [file('app/one')]);
    const after = addEntries(start, 1, [file('app/two')]); // the same layers as before the undone edit
    expect(after[1].revision).not.toBe(undone[1].revision);
    expect(after[1].revision).toBeGreaterThan(start[1].revision);
  });
  it('refuses duplicate names and moves into itself', () => {
    expect(() => renamePath(twoLayers(), 'app', 'etc')).toThrow(EditError);
    expect(() => movePaths(twoLayers(), ['etc'], 'etc')).toThrow(/into itself/);
    expect(() => movePaths(addEntries(twoLayers(), 1, [file('motd')]), ['motd'], 'etc')).toThrow(/already exists/);
  });
  it('moves and removes subtrees', () => {
    const moved = movePaths(twoLayers(), ['app/run'], 'bin');
    expect(Object.keys(moved[1].entries).sort()).toEqual(['bin/run', 'etc/motd']);
    const removed = removePaths(twoLayers(), ['etc'], null);
    expect(Object.keys(removed[0].entries)).toEqual(['bin/sh']);
    expect(Object.keys(removed[1].entries)).toEqual(['app/run']);
    const onlyUpper = removePaths(twoLayers(), ['etc/motd'], 1);
    expect(onlyUpper[0].entries['etc/motd']).toBeDefined();
  });
  it('gives an implied folder a real entry when edited', () => {
    const layers = updateEntry(twoLayers(), 'bin', 1, { mode: 0o700 });
    expect(layers[1].entries.bin).toMatchObject({ type: 'dir', mode: 0o700 });
    const owned = updateEntry(twoLayers(), 'etc/motd', 0, { uid: 1000 });
    expect(owned[1].entries['etc/motd'].uid).toBe(1000);
    expect(owned[0].entries['etc/motd'].uid).toBe(0);
  });
});

describe('toImageSpec', () => {
  it('builds the spec from typed fields', () => {
    const c = emptyComposition();
    c.config = { ...c.config, entrypoint: '["/bin/busybox","sh","-c"]', cmd: 'cat /etc/motd', env: 'GREETING=hi', ports: '8080/tcp' };
    const { spec, hasErrors } = toImageSpec(c);
    expect(hasErrors).toBe(false);
    expect(spec.config).toEqual({
      Entrypoint: ['/bin/busybox', 'sh', '-c'],
      Cmd: ['cat', '/etc/motd'],
      Env: ['GREETING=hi'],
      ExposedPorts: { '8080/tcp': {} },
    });
    expect(spec.created).toBe('1970-01-01T00:00:00Z');
    expect(spec.name).toBe('app:latest');
  });
  it('reports field errors and blocks the build', () => {
    const c = emptyComposition();
    c.config = { ...c.config, ports: '99999', user: 'app' };
    const result = toImageSpec(c);
    expect(result.hasErrors).toBe(true);
    expect(result.problems.ports?.[0].message).toMatch(/outside/);
    expect(result.problems.user?.[0].severity).toBe('warning');
    c.name = 'Bad Name';
    expect(toImageSpec(c).problems.name?.[0].message).toMatch(/Bad Name/);
  });
});
