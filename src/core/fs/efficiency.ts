// dive's image efficiency, computed the way dive computes it (filetree/efficiency.go and
// image/analysis.go at wagoodman/dive), so the numbers equal what `dive` prints:
// - every leaf of every layer's tree is a discovery of its path, sized by its tar header; a
//   whiteout is sized by what it removes: the whole subtree when it removes a directory of the
//   layers below, nothing when it removes a file;
// - a path discovered twice or more is inefficient; wasted bytes are the sum of those paths'
//   discovered sizes (every copy, the first one included);
// - the score is (sum over paths of the smallest discovery) / (sum of all discoveries), 1 when
//   nothing was discovered;
// - layer sizes are the sum of their entries' sizes; "user" bytes leave out the first layer.
// Dive's quirks are kept on purpose: opaque markers are ignored; a whiteout of a path no lower
// layer has stops that layer's walk and leaves its path counted with a smallest size of -1.

import type { FsEntry } from './entry.ts';
import { copyTree, diveLayerTree, getNode, isWhiteoutNode, stackOnto, subtreeSize, visitChildFirst, type DiveNode } from './dive-tree.ts';

export interface InefficientFile {
  /** `/root/saved.txt`, as dive prints it. */
  path: string;
  /** How many layers hold (or remove) it. */
  count: number;
  /** Bytes of all of its copies. */
  bytes: number;
}

export interface EfficiencyReport {
  /** 0..1; dive prints it as a percentage with two decimals. */
  score: number;
  wastedBytes: number;
  /** Sum of every layer's entry sizes, and the same without the first (base) layer. */
  sizeBytes: number;
  userSizeBytes: number;
  /** wastedBytes / userSizeBytes; null when there are no user bytes (dive divides by zero). */
  wastedUserRatio: number | null;
  /** Largest first, as dive lists them. */
  inefficientFiles: InefficientFile[];
  inefficientCount: number;
  /** Layers whose walk stopped at a whiteout of a path no lower layer has (dive logs these). */
  notes: string[];
}

interface PathData {
  path: string;
  count: number;
  cumulative: number;
  smallest: number;
}

/** `maxFiles` bounds the list handed out; the totals always cover every path. */
export function diveEfficiency(layers: readonly (readonly FsEntry[])[], maxFiles = 500): EfficiencyReport {
  const trees = layers.map((entries) => diveLayerTree(entries));
  const byPath = new Map<string, PathData>();
  const inefficient: PathData[] = [];
  const notes: string[] = [];
  // What the layers below the current one stack to; dive starts from a copy of the first layer.
  // Made when first needed (a whiteout, or a layer to stack): one layer without whiteouts needs none.
  let stacked: DiveNode | undefined;
  const below = (): DiveNode => (stacked ??= copyTree(trees[0]));

  trees.forEach((tree, layer) => {
    visitChildFirst(tree, ({ node, segments }) => {
      if (node.children.size > 0) return true;
      const path = `/${segments.join('/')}`;
      let data = byPath.get(path);
      if (!data) byPath.set(path, (data = { path, count: 0, cumulative: 0, smallest: -1 }));
      let size = node.info.size;
      if (isWhiteoutNode(node)) {
        const previous = getNode(below(), segments);
        if (!previous) {
          notes.push(`layer ${layer + 1}: the whiteout of ${path} removes nothing below it; dive stops reading that layer there`);
          return false;
        }
        size = previous.info.isDir ? subtreeSize(previous) : 0;
      }
      data.cumulative += size;
      if (data.smallest < 0 || size < data.smallest) data.smallest = size;
      if (++data.count === 2) inefficient.push(data);
      return true;
    });
    // What the last layer stacks to is never read.
    if (layer < trees.length - 1) stackOnto(below(), tree);
  });

  let smallestTotal = 0;
  let discoveredTotal = 0;
  for (const data of byPath.values()) {
    smallestTotal += data.smallest;
    discoveredTotal += data.cumulative;
  }
  const score = discoveredTotal === 0 ? 1 : smallestTotal / discoveredTotal;
  const wastedBytes = inefficient.reduce((n, d) => n + d.cumulative, 0);
  const sizes = layers.map((entries) => entries.reduce((n, e) => n + e.size, 0));
  const sizeBytes = sizes.reduce((n, s) => n + s, 0);
  const userSizeBytes = sizeBytes - (sizes[0] ?? 0);
  // dive sorts ascending (insertion sort, stable for its short lists) and lists from the end.
  const listed = inefficient.map((d, i) => ({ d, i })).sort((a, b) => a.d.cumulative - b.d.cumulative || a.i - b.i).reverse();
  return {
    score,
    wastedBytes,
    sizeBytes,
    userSizeBytes,
    wastedUserRatio: userSizeBytes === 0 ? null : wastedBytes / userSizeBytes,
    inefficientFiles: listed.slice(0, maxFiles).map(({ d }) => ({ path: d.path, count: d.count, bytes: d.cumulative })),
    inefficientCount: inefficient.length,
    notes,
  };
}
