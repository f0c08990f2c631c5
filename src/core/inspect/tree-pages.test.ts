import { describe, expect, it } from 'vitest';
import type { FsTreeNode } from '../fs/tree-node.ts';
import { flattenTree, TreeAssembler } from './tree-pages.ts';

const leaf = (id: string): FsTreeNode => ({ id, name: id.split('/').at(-1)!, type: 'file', mode: 0o644, uid: 0, gid: 0, size: 1 });
const dir = (id: string, children: FsTreeNode[]): FsTreeNode => ({ ...leaf(id), type: 'dir', size: children.length, children });

const tree = [
  dir('a', [dir('a/b', [leaf('a/b/c'), leaf('a/b/d')]), dir('a/empty', []), leaf('a/e')]),
  leaf('f'),
  dir('g', [leaf('g/h')]),
];

describe('tree pages', () => {
  it('flattens depth-first and rebuilds the same tree from pages of any size', () => {
    const rows = flattenTree(tree);
    expect(rows.map((r) => [r.node.id, r.depth])).toEqual([['a', 0], ['a/b', 1], ['a/b/c', 2], ['a/b/d', 2], ['a/empty', 1], ['a/e', 1], ['f', 0], ['g', 0], ['g/h', 1]]);
    for (const size of [1, 2, 4, 100]) {
      const assembler = new TreeAssembler();
      for (let at = 0; at < rows.length; at += size) assembler.add(structuredClone(rows.slice(at, at + size)));
      expect(assembler.roots).toEqual(tree);
    }
  });

  it('refuses a page that does not follow the one before', () => {
    const rows = flattenTree(tree);
    expect(() => new TreeAssembler().add(rows.slice(2))).toThrow(/out of order/);
  });
});
