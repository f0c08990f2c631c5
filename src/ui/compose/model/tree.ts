// Turns the composer's layers into the tree people see: one layer or the merged result, with
// implied parent folders, folder sizes and added/modified marks relative to lower layers.

import type { FsEntry } from '../../../core/fs/entry.ts';
import { entryFields, type FsTreeNode } from '../../../core/fs/tree-node.ts';
import type { ComposeLayer } from './composition.ts';
import { baseName, parentOf, ROOT } from './paths.ts';

export interface ViewEntry {
  entry: FsEntry;
  layerIndex: number;
}

/** Upper layers win; the composer writes no whiteouts, so this is a plain overlay. */
export function mergedView(layers: readonly ComposeLayer[]): Map<string, ViewEntry> {
  const view = new Map<string, ViewEntry>();
  layers.forEach((layer, layerIndex) => {
    for (const entry of Object.values(layer.entries)) view.set(entry.path, { entry, layerIndex });
  });
  return view;
}

export function layerView(layers: readonly ComposeLayer[], layerIndex: number): Map<string, ViewEntry> {
  const view = new Map<string, ViewEntry>();
  for (const entry of Object.values(layers[layerIndex]?.entries ?? {})) view.set(entry.path, { entry, layerIndex });
  return view;
}

function existsBelow(layers: readonly ComposeLayer[], path: string, layerIndex: number): boolean {
  for (let i = 0; i < layerIndex; i++) if (path in layers[i].entries) return true;
  return false;
}

/** Children of the root, sorted folders first then by name; folder sizes summed. */
export function buildTree(view: Map<string, ViewEntry>, layers: readonly ComposeLayer[], showOrigin: boolean): FsTreeNode[] {
  const nodes = new Map<string, FsTreeNode>();
  const rootChildren: FsTreeNode[] = [];
  const ensure = (path: string): FsTreeNode[] => {
    if (path === ROOT) return rootChildren;
    let node = nodes.get(path);
    if (!node) {
      node = { id: path, name: baseName(path), type: 'dir', mode: 0o755, uid: 0, gid: 0, size: 0, implicit: true, children: [] };
      nodes.set(path, node);
      ensure(parentOf(path)).push(node);
    }
    return (node.children ??= []);
  };
  const sorted = [...view.values()].sort((a, b) => (a.entry.path < b.entry.path ? -1 : 1));
  for (const { entry, layerIndex } of sorted) {
    const existing = nodes.get(entry.path);
    const node: FsTreeNode = existing ?? { id: entry.path, name: baseName(entry.path), type: entry.type, mode: 0, uid: 0, gid: 0, size: 0 };
    Object.assign(node, {
      ...entryFields(entry),
      implicit: false,
      mark: existsBelow(layers, entry.path, layerIndex) ? 'modified' : 'added',
      origin: showOrigin ? layerName(layerIndex) : undefined,
    } satisfies Partial<FsTreeNode>);
    if (entry.type === 'dir') node.children ??= [];
    if (!existing) {
      nodes.set(entry.path, node);
      ensure(parentOf(entry.path)).push(node);
    }
  }
  const finish = (list: FsTreeNode[]): number => {
    list.sort((a, b) => (a.type === 'dir') !== (b.type === 'dir') ? (a.type === 'dir' ? -1 : 1) : a.name < b.name ? -1 : a.name > b.name ? 1 : 0);
    let total = 0;
    for (const node of list) {
      if (node.children) node.size = finish(node.children);
      total += node.size;
    }
    return total;
  };
  finish(rootChildren);
  return rootChildren;
}

/** Short tag for a layer in the tree: `L1` is the bottom layer. */
export function layerName(index: number): string {
  return `L${index + 1}`;
}

/** Names directly inside `dir` in a view, for duplicate checks. */
export function childNames(view: Map<string, ViewEntry>, dir: string): Set<string> {
  const names = new Set<string>();
  const prefix = dir === ROOT ? '' : `${dir}/`;
  for (const path of view.keys()) {
    if (!path.startsWith(prefix)) continue;
    const rest = path.slice(prefix.length);
    if (rest !== '') names.add(rest.split('/')[0]);
  }
  return names;
}
