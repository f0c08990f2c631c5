// Layer listings + merged filesystem -> the views the UI renders: `tar -tv` rows with their
// change marks, and one tree of the merged filesystem where entries hidden by later layers sit
// at their paths, struck through, next to what replaced them.

import type { LayerListing } from './layer-entries.ts';
import { largestFiles, type MergedFs } from '../fs/merge.ts';
import { fsTree } from '../fs/tree.ts';
import { tarTv } from './tar-tv.ts';
import type { FsTreeNode } from '../fs/tree-node.ts';
import type { LayerRow } from './views.ts';

export const layerLabel = (layer: number) => `L${layer + 1}`;

/** Rows `start` to `end` of a layer's listing, made when the UI scrolls to them (a layer can list 100 000+). */
export function layerRowSource(listing: LayerListing, layer: number, fs: MergedFs): (start: number, end: number) => LayerRow[] {
  // Where each path is listed last (a path listed twice is hidden only in its last copy); made
  // only when a page holds a hidden entry, which the top layer never does.
  let lastIndex: Map<string, number> | undefined;
  const lastOf = (path: string) => {
    if (!lastIndex) {
      lastIndex = new Map();
      listing.entries.forEach(({ entry }, i) => lastIndex!.set(entry.path, i));
    }
    return lastIndex.get(path);
  };
  return (start, end) => {
    const hidden = fs.hiddenByLayer[layer];
    const changes = fs.changes[layer] ?? [];
    return listing.entries.slice(start, end).map(({ entry, headerOffset, warnings }, offset) => {
      const i = start + offset;
      const hiding = hidden?.get(entry.path);
      const hid = hiding && lastOf(entry.path) === i ? hiding : undefined;
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

/** The merged filesystem as the inspector's tree: entries later layers hid are shown struck through. */
export function mergedTree(fs: MergedFs): FsTreeNode[] {
  return fsTree(fs, { originOf: layerLabel, hiddenAs: () => 'hidden' });
}

export function largest(fs: MergedFs, n = 50) {
  return largestFiles(fs, n).map((node) => ({ path: node.path, size: node.entry.size, layer: node.layer }));
}
