// Layer listings + merged filesystem -> the views the UI renders: `tar -tv` rows with their
// change marks, and one tree of the merged filesystem where entries hidden by later layers sit
// at their paths, struck through, next to what replaced them.

import type { LayerListing } from './layer-entries.ts';
import { largestFiles, sortedChildren, type MergedFs, type MergedNode } from '../fs/merge.ts';
import { tarTv } from './tar-tv.ts';
import type { FsEntry } from '../fs/entry.ts';
import { entryFields, type FsTreeNode } from '../fs/tree-node.ts';
import type { LayerRow } from './views.ts';
import { hiddenKey } from './tree-keys.ts';

export const layerLabel = (layer: number) => `L${layer + 1}`;

/** Rows `start` to `end` of a layer's listing, made when the UI scrolls to them (a layer can list 100 000+). */
export function layerRowSource(listing: LayerListing, layer: number, fs: MergedFs): (start: number, end: number) => LayerRow[] {
  let lastIndex: Map<string, number> | undefined;
  return (start, end) => {
    const hidden = fs.hiddenByLayer[layer];
    const changes = fs.changes[layer] ?? [];
    if (!lastIndex) {
      lastIndex = new Map();
      listing.entries.forEach(({ entry }, i) => lastIndex!.set(entry.path, i));
    }
    const last = lastIndex;
    return listing.entries.slice(start, end).map(({ entry, headerOffset, warnings }, offset) => {
      const i = start + offset;
      const hid = last.get(entry.path) === i ? hidden?.get(entry.path) : undefined;
      return {
        path: entry.path,
        type: entry.type,
        tv: tarTv(entry),
        change: changes[i] ?? 'added',
        size: entry.size,
        ...(entry.linkname !== undefined ? { linkname: entry.linkname } : {}),
        headerOffset,
        ...(hid ? { hiddenBy: hid.hiddenBy, hiddenReason: hid.reason } : {}),
        warnings,
      };
    });
  };
}

function nodeOf(entry: FsEntry, id: string, layer: number, extra: Partial<FsTreeNode>): FsTreeNode {
  return {
    id,
    name: entry.path.slice(entry.path.lastIndexOf('/') + 1),
    ...entryFields(entry),
    ...(layer >= 0 ? { origin: layerLabel(layer) } : {}),
    ...extra,
  };
}

export function mergedTree(fs: MergedFs): FsTreeNode[] {
  const dirs = new Map<string, FsTreeNode>();
  const convert = (node: MergedNode): FsTreeNode => {
    const tree = nodeOf(node.entry, node.path, node.implicit ? -1 : node.layer, node.implicit ? { implicit: true } : {});
    if (node.children) {
      tree.children = sortedChildren(node).map(convert);
      dirs.set(node.path, tree);
    }
    return tree;
  };
  const root: FsTreeNode[] = sortedChildren(fs.root).map(convert);

  // Hidden entries, parents before children, each under the visible (or hidden) folder at its parent path.
  const hiddenDirs = new Map<string, FsTreeNode>();
  const hidden = fs.hiddenByLayer.flatMap((byPath) => [...byPath.values()]).sort((a, b) => (a.path < b.path ? -1 : a.path > b.path ? 1 : a.layer - b.layer));
  const touched = new Set<FsTreeNode[]>();
  const containerOf = (path: string): FsTreeNode[] => {
    const slash = path.lastIndexOf('/');
    if (slash < 0) return root;
    const parentPath = path.slice(0, slash);
    const parent = dirs.get(parentPath) ?? hiddenDirs.get(parentPath);
    if (parent) return (parent.children ??= []);
    const made: FsTreeNode = { id: hiddenKey(-1, parentPath), name: parentPath.slice(parentPath.lastIndexOf('/') + 1), type: 'dir', mode: 0o755, uid: 0, gid: 0, size: 0, implicit: true, hidden: true, children: [] };
    hiddenDirs.set(parentPath, made);
    containerOf(parentPath).push(made);
    return made.children!;
  };
  for (const h of hidden) {
    const node = nodeOf(h.entry, hiddenKey(h.layer, h.path), h.layer, { hidden: true });
    if (h.entry.type === 'dir') {
      node.children = [];
      if (!dirs.has(h.path)) hiddenDirs.set(h.path, node);
    }
    const container = containerOf(h.path);
    container.push(node);
    touched.add(container);
  }
  for (const list of touched) list.sort((a, b) => (a.name < b.name ? -1 : a.name > b.name ? 1 : Number(!!a.hidden) - Number(!!b.hidden)));
  sumFolderSizes(root);
  return root;
}

/** A folder's size is the total of the visible files below it. */
function sumFolderSizes(nodes: FsTreeNode[]): number {
  let total = 0;
  for (const node of nodes) {
    if (node.children) node.size = sumFolderSizes(node.children);
    if (!node.hidden) total += node.size;
  }
  return total;
}

export function largest(fs: MergedFs, n = 50) {
  return largestFiles(fs, n).map((node) => ({ path: node.path, size: node.entry.size, layer: node.layer }));
}
