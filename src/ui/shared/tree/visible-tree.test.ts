import { describe, expect, it } from 'vitest';
import type { FsTreeNode } from '../../../core/fs/tree-node.ts';
import { newVisibleTreeCache, visibleTree } from './visible-tree.ts';

const file = (id: string): FsTreeNode => ({ id, name: id.split('/').pop()!, type: 'file', mode: 0o644, uid: 0, gid: 0, size: 1 });
const dir = (id: string, children: FsTreeNode[]): FsTreeNode => ({ id, name: id.split('/').pop()!, type: 'dir', mode: 0o755, uid: 0, gid: 0, size: 0, children });

function count(nodes: FsTreeNode[]): number {
  return nodes.reduce((n, node) => n + 1 + count(node.children ?? []), 0);
}

/** 10 folders of 10 folders of 100 files: 10 110 nodes. */
function bigTree(): FsTreeNode[] {
  return Array.from({ length: 10 }, (_, a) =>
    dir(`a${a}`, Array.from({ length: 10 }, (_, b) => dir(`a${a}/b${b}`, Array.from({ length: 100 }, (_, f) => file(`a${a}/b${b}/f${f}`))))),
  );
}

describe('visibleTree', () => {
  it('gives collapsed folders only their first child, as a leaf', () => {
    const tree = bigTree();
    const shown = visibleTree(tree, new Set(), newVisibleTreeCache());
    expect(count(tree)).toBe(10_110);
    expect(count(shown)).toBe(20);
    expect(shown.map((n) => n.id)).toEqual(tree.map((n) => n.id));
    expect(shown[3].children).toHaveLength(1);
    expect(shown[3].children![0].id).toBe('a3/b0');
    expect(shown[3].children![0].children).toBeUndefined();
    expect(tree[3].children![0].children).toHaveLength(100); // the source is untouched
  });

  it('gives expanded folders all their children, collapsed ones below them still cut', () => {
    const tree = bigTree();
    const shown = visibleTree(tree, new Set(['a2', 'a2/b7']), newVisibleTreeCache());
    const a2 = shown[2];
    expect(a2.children!.map((n) => n.id)).toEqual(tree[2].children!.map((n) => n.id));
    expect(a2.children![7]).toBe(tree[2].children![7]); // all leaves below: the source node itself
    expect(a2.children![6].children).toHaveLength(1);
    expect(count(shown)).toBe(10 + 9 + 10 + 9 + 100);
  });

  it('keeps results identical while their part of the tree is unchanged', () => {
    const tree = bigTree();
    const cache = newVisibleTreeCache();
    const first = visibleTree(tree, new Set(['a1']), cache);
    const again = visibleTree(tree, new Set(['a1']), cache);
    expect(again).toBe(first);
    const more = visibleTree(tree, new Set(['a1', 'a5']), cache);
    expect(more).not.toBe(first);
    expect(more[1]).toBe(first[1]); // a1 unchanged
    expect(more[0]).toBe(first[0]); // collapsed a0 unchanged
    expect(more[5].children).toHaveLength(10);
  });

  it('returns the source nodes when nothing needs cutting', () => {
    const flat = [file('x'), dir('empty', []), dir('one', [file('one/f')])];
    expect(visibleTree(flat, new Set(), newVisibleTreeCache())).toBe(flat);
  });
});
