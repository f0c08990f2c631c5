// The part of a tree the Tree component is given: expanded folders with their children, and
// collapsed folders with only their first child. React Aria builds a collection node for every
// item it is given, expanded or not, so handing it 100 000 entries costs seconds per render;
// this keeps the collection near the number of rows that can be shown. One child stays under a
// collapsed folder because that is how the Tree knows the row can expand (aria-expanded, chevron,
// ArrowRight); it is never displayed.
//
// Results keep their identity while nothing under them changes (per source node, per expanded
// state), so the Tree's cache reuses their rows instead of re-rendering them.

import type { FsTreeNode } from '../../../core/fs/tree-node.ts';

export interface VisibleTreeCache {
  expanded: WeakMap<FsTreeNode, FsTreeNode>;
  collapsed: WeakMap<FsTreeNode, FsTreeNode>;
  roots?: { source: FsTreeNode[]; result: FsTreeNode[] };
}

export const newVisibleTreeCache = (): VisibleTreeCache => ({ expanded: new WeakMap(), collapsed: new WeakMap() });

export function visibleTree(nodes: FsTreeNode[], expandedKeys: ReadonlySet<string>, cache: VisibleTreeCache): FsTreeNode[] {
  const result = visibleList(nodes, expandedKeys, cache);
  // The same array when nothing changed, so the Tree sees unchanged items.
  if (cache.roots?.source === nodes && sameItems(cache.roots.result, result)) return cache.roots.result;
  cache.roots = { source: nodes, result };
  return result;
}

function visibleList(nodes: FsTreeNode[], expandedKeys: ReadonlySet<string>, cache: VisibleTreeCache): FsTreeNode[] {
  let changed = false;
  const out = nodes.map((node) => {
    const shown = visibleNode(node, expandedKeys, cache);
    if (shown !== node) changed = true;
    return shown;
  });
  return changed ? out : nodes;
}

// Recursion depth is the depth of expanded folders, which a person opens one by one; the merge
// already caps path depth.
function visibleNode(node: FsTreeNode, expandedKeys: ReadonlySet<string>, cache: VisibleTreeCache): FsTreeNode {
  const children = node.children;
  if (!children || children.length === 0) return node;
  if (!expandedKeys.has(node.id)) {
    if (children.length === 1 && !children[0].children) return node;
    let shown = cache.collapsed.get(node);
    if (!shown) {
      shown = { ...node, children: [leafOf(children[0])] };
      cache.collapsed.set(node, shown);
    }
    return shown;
  }
  const shownChildren = visibleList(children, expandedKeys, cache);
  if (shownChildren === children) return node;
  const previous = cache.expanded.get(node);
  if (previous?.children && sameItems(previous.children, shownChildren)) return previous;
  const shown = { ...node, children: shownChildren };
  cache.expanded.set(node, shown);
  return shown;
}

/** A stand-in for a hidden child: the same row without its own children. */
function leafOf(node: FsTreeNode): FsTreeNode {
  if (!node.children) return node;
  const { children: _children, ...rest } = node;
  return rest;
}

function sameItems(a: FsTreeNode[], b: FsTreeNode[]): boolean {
  return a.length === b.length && a.every((node, i) => node === b[i]);
}
