// The merged filesystem: a pure function of the layers' entries, applied bottom to top the way
// overlayfs and containerd apply them. Within a layer, opaque directories apply first, then
// whiteouts, then the layer's own entries, so a deletion only ever hides lower layers' content.
// Builds an in-memory tree iteratively (no recursion) under depth and count caps, and records
// what each layer added, modified or deleted, what got hidden, and the bytes wasted by hiding.

import type { FsEntry } from './entry.ts';
import { error, warning, type Problem } from '../problem.ts';

export interface MergedNode {
  /** Normalised path; '' for the root. */
  path: string;
  name: string;
  entry: FsEntry;
  /** Index of the layer the entry comes from; -1 for the root. */
  layer: number;
  /** A directory that no tar listed, created because a child needed it. */
  implicit: boolean;
  /** What putting this entry here did to the layers below: added a path, or modified one. */
  change: Exclude<ChangeKind, 'deleted'>;
  /** Child nodes by name (directories only). */
  children: Map<string, MergedNode> | null;
}

export interface HiddenEntry {
  path: string;
  entry: FsEntry;
  /** Layer the hidden entry comes from. */
  layer: number;
  /** Layer whose change hid it. */
  hiddenBy: number;
  reason: 'overwritten' | 'deleted' | 'opaque';
}

export type ChangeKind = 'added' | 'modified' | 'deleted';

export interface MergedFs {
  root: MergedNode;
  lookup(path: string): MergedNode | undefined;
  /** `changes[layer][i]` is the change made by `layers[layer][i]` against the layers below. */
  changes: ChangeKind[][];
  /** Entries of each layer that a later layer hid, by path: `hiddenByLayer[layer].get(path)`. */
  hiddenByLayer: Map<string, HiddenEntry>[];
  /** Bytes of each layer's files that later layers hid (still shipped, never seen). */
  wastedBytes: number[];
  wastedTotal: number;
  /** Visible non-directory entries and the bytes of visible files. */
  fileCount: number;
  totalBytes: number;
  problems: Problem[];
}

export interface MergeLimits {
  maxEntries: number;
  maxDepth: number;
}

export const DEFAULT_MERGE_LIMITS: MergeLimits = { maxEntries: 2_000_000, maxDepth: 256 };

export function mergeLayers(layers: readonly (readonly FsEntry[])[], limits: MergeLimits = DEFAULT_MERGE_LIMITS): MergedFs {
  const root: MergedNode = { path: '', name: '', entry: { path: '', type: 'dir', mode: 0o755, uid: 0, gid: 0, size: 0 }, layer: -1, implicit: true, change: 'added', children: new Map() };
  const problems: Problem[] = [];
  const hiddenByLayer = layers.map(() => new Map<string, HiddenEntry>());
  let count = 0;
  let countWarned = false;

  const lookup = (path: string): MergedNode | undefined => {
    let node: MergedNode | undefined = root;
    if (path === '') return root;
    for (const seg of path.split('/')) {
      node = node.children?.get(seg);
      if (!node) return undefined;
    }
    return node;
  };

  /** Removes `node` and everything below it, recording each as hidden by `by`. */
  const hideSubtree = (parent: MergedNode, node: MergedNode, by: number, reason: HiddenEntry['reason']) => {
    parent.children!.delete(node.name);
    const stack = [node];
    while (stack.length) {
      const n = stack.pop()!;
      count--;
      if (!n.implicit) hiddenByLayer[n.layer].set(n.path, { path: n.path, entry: n.entry, layer: n.layer, hiddenBy: by, reason });
      if (n.children) for (const c of n.children.values()) stack.push(c);
    }
  };

  /** The directory that will hold `segments`' last element, creating implicit dirs on the way. */
  const parentDir = (segments: string[], layer: number, where: string): MergedNode => {
    let dir = root;
    for (let i = 0; i < segments.length - 1; i++) {
      let child = dir.children!.get(segments[i]);
      if (child && child.children === null) {
        warning(problems, where, `parent ${child.path} is a ${child.entry.type} from layer ${child.layer}; replaced by a directory`);
        hideSubtree(dir, child, layer, 'overwritten');
        child = undefined;
      }
      if (!child) {
        const path = dir === root ? segments[i] : `${dir.path}/${segments[i]}`;
        child = { path, name: segments[i], entry: { path, type: 'dir', mode: 0o755, uid: 0, gid: 0, size: 0 }, layer, implicit: true, change: 'added', children: new Map() };
        dir.children!.set(segments[i], child);
        count++;
      }
      dir = child;
    }
    return dir;
  };

  const changes = layers.map((entries, layer) => {
    const where = `layer ${layer}`;
    // Kinds are decided against the layers below, before this layer changes anything.
    const kinds = entries.map((e): ChangeKind => (e.type === 'whiteout' || e.type === 'opaque' ? 'deleted' : lookup(e.path) ? 'modified' : 'added'));
    const last = new Map<string, number>();
    entries.forEach((e, i) => {
      if (e.type === 'whiteout' || e.type === 'opaque') return;
      if (last.has(e.path)) warning(problems, `${where} ${e.path}`, 'appears more than once in the layer; the last one wins');
      last.set(e.path, i);
    });

    for (const e of entries) {
      if (e.type !== 'opaque') continue;
      const dir = lookup(e.path);
      if (dir?.children) for (const child of [...dir.children.values()]) hideSubtree(dir, child, layer, 'opaque');
    }
    for (const e of entries) {
      if (e.type !== 'whiteout') continue;
      const target = lookup(e.path);
      if (!target || target === root) {
        warning(problems, `${where} ${e.path}`, 'whiteout deletes nothing (no such path in the layers below)');
        continue;
      }
      hideSubtree(lookup(parentPath(e.path))!, target, layer, 'deleted');
    }
    entries.forEach((e, i) => {
      if (e.type === 'whiteout' || e.type === 'opaque' || last.get(e.path) !== i || e.path === '') return;
      const segments = e.path.split('/');
      if (segments.length > limits.maxDepth) {
        error(problems, `${where} ${e.path.slice(0, 200)}…`, `path is deeper than ${limits.maxDepth} levels; skipped`);
        return;
      }
      if (count >= limits.maxEntries) {
        if (!countWarned) error(problems, where, `more than ${limits.maxEntries} entries in the merged filesystem; the rest are skipped`);
        countWarned = true;
        return;
      }
      const dir = parentDir(segments, layer, `${where} ${e.path}`);
      const name = segments[segments.length - 1];
      const existing = dir.children!.get(name);
      if (existing && existing.children && e.type === 'dir') {
        existing.entry = e; // a directory re-listed: new metadata, children stay
        existing.layer = layer;
        existing.implicit = false;
        existing.change = kinds[i] === 'added' ? 'added' : 'modified';
        return;
      }
      if (existing) hideSubtree(dir, existing, layer, 'overwritten');
      const change = kinds[i] === 'modified' ? 'modified' : 'added';
      dir.children!.set(name, { path: e.path, name, entry: e, layer, implicit: false, change, children: e.type === 'dir' ? new Map() : null });
      count++;
    });
    return kinds;
  });

  const totals = measure(root, hiddenByLayer);
  return { root, lookup, changes, hiddenByLayer, problems, ...totals };
}

function parentPath(path: string): string {
  const slash = path.lastIndexOf('/');
  return slash < 0 ? '' : path.slice(0, slash);
}

/** Visible totals, and wasted bytes: hidden files, except those a visible hardlink still names. */
function measure(root: MergedNode, hiddenByLayer: Map<string, HiddenEntry>[]) {
  let fileCount = 0;
  let totalBytes = 0;
  const linkedTargets = new Set<string>();
  const stack = [root];
  while (stack.length) {
    const n = stack.pop()!;
    if (n.children) for (const c of n.children.values()) stack.push(c);
    else {
      fileCount++;
      if (n.entry.type === 'file') totalBytes += n.entry.size;
      if (n.entry.type === 'hardlink' && n.entry.linkname) linkedTargets.add(`${n.layer}\0${n.entry.linkname}`);
    }
  }
  const wastedBytes = hiddenByLayer.map((hidden, layer) => {
    let bytes = 0;
    for (const h of hidden.values()) if (h.entry.type === 'file' && !linkedTargets.has(`${layer}\0${h.path}`)) bytes += h.entry.size;
    return bytes;
  });
  return { fileCount, totalBytes, wastedBytes, wastedTotal: wastedBytes.reduce((a, b) => a + b, 0) };
}

/** The `n` largest visible regular files, largest first. */
export function largestFiles(fs: MergedFs, n = 50): MergedNode[] {
  const files: MergedNode[] = [];
  const stack = [fs.root];
  while (stack.length) {
    const node = stack.pop()!;
    if (node.children) for (const c of node.children.values()) stack.push(c);
    else if (node.entry.type === 'file') files.push(node);
  }
  return files.sort((a, b) => b.entry.size - a.entry.size || (a.path < b.path ? -1 : 1)).slice(0, n);
}

/** A directory's children sorted by name (directories are not grouped first). */
export function sortedChildren(node: MergedNode): MergedNode[] {
  return node.children ? [...node.children.values()].sort((a, b) => (a.name < b.name ? -1 : a.name > b.name ? 1 : 0)) : [];
}
