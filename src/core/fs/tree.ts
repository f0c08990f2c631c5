// The one tree builder: a merged filesystem (merge.ts) as the nodes the tree component shows, for
// the composer and the inspector alike. Entries a later layer hid can be shown at their paths,
// struck through, next to what replaced them (the inspector) or as deletions (the composer's
// whiteouts). Folders first, then names; a folder's size is the total of the visible files below
// it. Iterative throughout: a hostile path depth cannot exhaust the stack.

import type { HiddenEntry, MergedFs, MergedNode } from './merge.ts';
import { entryFields, type FsTreeNode } from './tree-node.ts';
import { hiddenKey } from './tree-keys.ts';

export interface FsTreeOptions {
  /** The tag shown beside a node from `layer` (e.g. `L2`); none when this gives undefined. */
  originOf?: (layer: number) => string | undefined;
  /** Whether nodes from `layer` carry their added / modified mark. */
  marksFrom?: (layer: number) => boolean;
  /** How an entry that a later layer hid is shown: struck through, as a deletion, or not at all. */
  hiddenAs?: (hidden: HiddenEntry) => 'hidden' | 'deleted' | undefined;
  /** Only what this layer changed, with the folders leading to it (the merge should stop at this layer). */
  onlyLayer?: number;
}

export function fsTree(fs: MergedFs, opts: FsTreeOptions = {}): FsTreeNode[] {
  const { originOf = () => undefined, marksFrom = () => false } = opts;
  const only = opts.onlyLayer;
  const hidden = hiddenShown(fs, opts);
  const wanted = only === undefined ? undefined : pathsChangedBy(fs, only, hidden);
  const roots: FsTreeNode[] = [];
  const folders = new Map<string, FsTreeNode>();
  const lists = new Set<FsTreeNode[]>([roots]);

  const stack: [MergedNode, FsTreeNode[]][] = [...fs.root.children!.values()].map((child) => [child, roots]);
  while (stack.length) {
    const [node, into] = stack.pop()!;
    if (wanted && !wanted.has(node.path)) continue;
    const own = !node.implicit && (only === undefined || node.layer === only);
    const made: FsTreeNode = {
      id: node.path,
      name: node.name,
      ...entryFields(node.entry),
      implicit: !own,
      ...(own && marksFrom(node.layer) ? { mark: node.change } : {}),
      ...(own && originOf(node.layer) ? { origin: originOf(node.layer) } : {}),
    };
    into.push(made);
    if (node.children) {
      made.children = [];
      lists.add(made.children);
      folders.set(node.path, made);
      for (const child of node.children.values()) stack.push([child, made.children]);
    }
  }

  // Hidden entries, parents before children, each under the visible (or hidden) folder at its parent path.
  const hiddenFolders = new Map<string, FsTreeNode>();
  const containerOf = (path: string): FsTreeNode[] => {
    const missing: string[] = [];
    let parent = parentPath(path);
    while (parent !== '' && !folders.has(parent) && !hiddenFolders.has(parent)) {
      missing.push(parent);
      parent = parentPath(parent);
    }
    let list = parent === '' ? roots : (folders.get(parent) ?? hiddenFolders.get(parent))!.children!;
    for (const dir of missing.reverse()) {
      const made: FsTreeNode = { id: hiddenKey(-1, dir), name: baseName(dir), type: 'dir', mode: 0o755, uid: 0, gid: 0, size: 0, implicit: true, hidden: true, children: [] };
      list.push(made);
      lists.add(made.children!);
      hiddenFolders.set(dir, made);
      list = made.children!;
    }
    return list;
  };
  for (const { entry: h, as } of hidden) {
    const made: FsTreeNode = {
      id: hiddenKey(h.layer, h.path),
      name: baseName(h.path),
      ...entryFields(h.entry),
      hidden: true,
      ...(as === 'deleted' ? { mark: 'deleted' as const } : {}),
      ...(originOf(h.layer) ? { origin: originOf(h.layer) } : {}),
    };
    if (h.entry.type === 'dir') {
      made.children = [];
      lists.add(made.children);
      if (!folders.has(h.path)) hiddenFolders.set(h.path, made);
    }
    containerOf(h.path).push(made);
  }
  for (const list of lists) list.sort(byFolderThenName);
  sumFolderSizes(roots);
  return roots;
}

/** The hidden entries to show, sorted by path (so parents come first), then by layer. */
function hiddenShown(fs: MergedFs, opts: FsTreeOptions): { entry: HiddenEntry; as: 'hidden' | 'deleted' }[] {
  if (!opts.hiddenAs) return [];
  const shown: { entry: HiddenEntry; as: 'hidden' | 'deleted' }[] = [];
  for (const byPath of fs.hiddenByLayer) {
    for (const entry of byPath.values()) {
      if (opts.onlyLayer !== undefined && entry.hiddenBy !== opts.onlyLayer) continue;
      const as = opts.hiddenAs(entry);
      if (as) shown.push({ entry, as });
    }
  }
  return shown.sort((a, b) => (a.entry.path < b.entry.path ? -1 : a.entry.path > b.entry.path ? 1 : a.entry.layer - b.entry.layer));
}

/** Paths the layer put in place, with every folder above them. */
function pathsChangedBy(fs: MergedFs, layer: number, hidden: { entry: HiddenEntry }[]): Set<string> {
  const paths = new Set<string>();
  const addWithParents = (path: string) => {
    for (let p = path; p !== '' && !paths.has(p); p = parentPath(p)) paths.add(p);
  };
  const stack = [fs.root];
  while (stack.length) {
    const node = stack.pop()!;
    if (node.children) for (const child of node.children.values()) stack.push(child);
    if (node !== fs.root && node.layer === layer && !node.implicit) addWithParents(node.path);
  }
  for (const { entry } of hidden) addWithParents(parentPath(entry.path));
  return paths;
}

function byFolderThenName(a: FsTreeNode, b: FsTreeNode): number {
  const folders = Number(b.type === 'dir') - Number(a.type === 'dir');
  if (folders !== 0) return folders;
  if (a.name !== b.name) return a.name < b.name ? -1 : 1;
  return Number(!!a.hidden) - Number(!!b.hidden);
}

/** Post-order without recursion: each folder's size is the sum of the visible sizes below it. */
function sumFolderSizes(roots: FsTreeNode[]): void {
  const order: FsTreeNode[] = [];
  const stack = [...roots];
  while (stack.length) {
    const node = stack.pop()!;
    if (!node.children) continue;
    order.push(node);
    for (const child of node.children) stack.push(child);
  }
  for (let i = order.length - 1; i >= 0; i--) {
    const folder = order[i];
    folder.size = folder.children!.reduce((total, child) => total + (child.hidden ? 0 : child.size), 0);
  }
}

function parentPath(path: string): string {
  const slash = path.lastIndexOf('/');
  return slash < 0 ? '' : path.slice(0, slash);
}

function baseName(path: string): string {
  return path.slice(path.lastIndexOf('/') + 1);
}
