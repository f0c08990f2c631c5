// The composer's view of its layer stack: the base's layers (when editing an image) and then the
// composition's own, merged by the same function the inspector and the squash use (core/fs/merge),
// so whiteouts and opaque folders mean here exactly what they mean to a container runtime. Layers
// are numbered over the whole stack: L1 is the bottom base layer. A stack is one platform's view
// (platforms.ts).

import { withDeletions } from '../../../core/fs/deletions.ts';
import type { FsEntry } from '../../../core/fs/entry.ts';
import { mergeLayers, type MergedFs, type MergedNode } from '../../../core/fs/merge.ts';
import { fsTree } from '../../../core/fs/tree.ts';
import type { FsTreeNode } from '../../../core/fs/tree-node.ts';
import { baseCount, type ComposeBase, type ComposeLayer } from './composition.ts';
import { ROOT } from './paths.ts';

/** A platform's stack: its base image (when editing one) and the layers as that platform has them. */
export interface Stack {
  base?: ComposeBase;
  layers: ComposeLayer[];
}

/** The entries a composition layer's tar holds: its own, plus a whiteout for each deletion. */
export function layerEntries(layer: ComposeLayer): FsEntry[] {
  return withDeletions(Object.values(layer.entries), layer.deleted);
}

const merged = new WeakMap<ComposeLayer[], { base: Stack['base']; upTo: number; fs: MergedFs }[]>();

/** The merged filesystem of the whole stack, or of its layers up to `upTo` (a stack index); memoised per layers array. */
export function stackFs(c: Stack, upTo = baseCount(c) + c.layers.length - 1): MergedFs {
  const known = merged.get(c.layers) ?? [];
  const hit = known.find((m) => m.base === c.base && m.upTo === upTo);
  if (hit) return hit.fs;
  const lists = [...(c.base?.loaded?.entries ?? []), ...c.layers.map(layerEntries)].slice(0, upTo + 1);
  const fs = mergeLayers(lists);
  merged.set(c.layers, [...known.slice(-3), { base: c.base, upTo, fs }]);
  return fs;
}

/** `L1` is the bottom layer of the whole stack. */
export function layerName(stackIndex: number): string {
  return `L${stackIndex + 1}`;
}

/**
 * The tree people see: the merged result (base layers tagged, deletions shown struck through) or,
 * with `layer` (a composition layer index), only what that layer changes.
 */
export function composerTree(c: Stack, layer?: number): FsTreeNode[] {
  const below = baseCount(c);
  const editable = (stackIndex: number) => stackIndex >= below;
  const many = below + c.layers.length > 1;
  if (layer === undefined) {
    return fsTree(stackFs(c), {
      originOf: (i) => (many ? (editable(i) ? layerName(i) : `base ${layerName(i)}`) : undefined),
      marksFrom: editable,
      hiddenAs: (h) => (editable(h.hiddenBy) && h.reason !== 'overwritten' ? 'deleted' : undefined),
    });
  }
  const stackIndex = below + layer;
  return fsTree(stackFs(c, stackIndex), {
    marksFrom: () => true,
    hiddenAs: (h) => (h.reason !== 'overwritten' ? 'deleted' : undefined),
    onlyLayer: stackIndex,
  });
}

/** The visible node at `path` in the merged stack, if any. */
export function visibleAt(c: Stack, path: string): MergedNode | undefined {
  return path === ROOT ? undefined : stackFs(c).lookup(path);
}

/** Names directly inside `dir` in the merged stack, for duplicate checks. */
export function childNames(c: Stack, dir: string): Set<string> {
  const node = dir === ROOT ? stackFs(c).root : stackFs(c).lookup(dir);
  return new Set(node?.children?.keys() ?? []);
}

/** True when `path` (or anything below it) comes from the base image. */
export function touchesBase(c: Stack, path: string): boolean {
  const base = c.base?.loaded?.entries;
  if (!base || base.length === 0) return false;
  const fs = stackFs(c, base.length - 1);
  return fs.lookup(path) !== undefined;
}
