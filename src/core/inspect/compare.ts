// Two images side by side: their layers matched by diff_id (shared, only in A, only in B), their
// configs field by field, and a file-level diff of their merged filesystems. Files of equal size
// from different tars are hashed, each layer read once; files from the same tar (same diff_id,
// same path) are the same bytes without reading. The rows stay here, in the worker; the UI asks
// for them a page at a time, so 100 000 changes never cross to its thread at once.

import { mergeLayers, type MergedNode } from '../fs/merge.ts';
import { diffMergedFs, settleDiff, type FileDiffRow } from '../fs/fs-diff.ts';
import type { Problem } from '../problem.ts';
import { hashLayerFiles, type CompareSide } from './compare-side.ts';

export interface LayerMatch {
  status: 'shared' | 'only A' | 'only B';
  diffId?: string;
  a?: { index: number; digest: string; size: number; createdBy?: string };
  b?: { index: number; digest: string; size: number; createdBy?: string };
}

export interface ConfigField {
  /** `config.Env`, `architecture`, `history`… (objects are opened, arrays compared whole). */
  path: string;
  a?: string;
  b?: string;
  status: 'same' | 'changed' | 'only A' | 'only B';
}

export type RowFilter = 'all' | 'added' | 'removed' | 'changed';

export interface CompareView {
  a: { label: string; layers: number; files: number; bytes: number };
  b: { label: string; layers: number; files: number; bytes: number };
  layers: LayerMatch[];
  config: ConfigField[];
  counts: Record<RowFilter, number>;
  /** Changed files whose bytes were too large to compare (same size, different layers). */
  contentUnknown: number;
  problems: Problem[];
  compareMs: number;
}

export interface Comparison {
  view: CompareView;
  /** Rows `start`..`end` of those `filter` keeps, sorted by path. */
  rows(filter: RowFilter, start: number, end: number): FileDiffRow[];
}

/** Rows handed out per call. */
export const MAX_COMPARE_ROWS = 2000;
const MAX_CONFIG_DEPTH = 16;
const MAX_CONFIG_FIELDS = 5000;

export function matchLayers(a: CompareSide, b: CompareSide): LayerMatch[] {
  const brief = (l: CompareSide['layers'][number]) => ({ index: l.index, digest: l.digest, size: l.size, ...(l.createdBy ? { createdBy: l.createdBy } : {}) });
  const unused = new Set(b.layers.map((l) => l.index));
  const matches: LayerMatch[] = a.layers.map((la) => {
    const lb = b.layers.find((l) => unused.has(l.index) && l.diffId !== undefined && l.diffId === la.diffId);
    if (!lb) return { status: 'only A', ...(la.diffId ? { diffId: la.diffId } : {}), a: brief(la) };
    unused.delete(lb.index);
    return { status: 'shared', diffId: la.diffId, a: brief(la), b: brief(lb) };
  });
  for (const lb of b.layers) if (unused.has(lb.index)) matches.push({ status: 'only B', ...(lb.diffId ? { diffId: lb.diffId } : {}), b: brief(lb) });
  return matches;
}

/** Leaf values of a config by path: objects are opened (iteratively, to a bounded depth), anything else is one field. */
function configLeaves(config: unknown): Map<string, string> {
  const leaves = new Map<string, string>();
  const stack: [string, unknown, number][] = [['', config, 0]];
  while (stack.length > 0 && leaves.size < MAX_CONFIG_FIELDS) {
    const [path, value, depth] = stack.pop()!;
    if (value && typeof value === 'object' && !Array.isArray(value) && depth < MAX_CONFIG_DEPTH && Object.keys(value).length > 0) {
      const entries = Object.entries(value as Record<string, unknown>);
      for (let i = entries.length - 1; i >= 0; i--) stack.push([path ? `${path}.${entries[i][0]}` : entries[i][0], entries[i][1], depth + 1]);
    } else if (path) leaves.set(path, JSON.stringify(value));
  }
  return leaves;
}

export function compareConfigs(a: unknown, b: unknown): ConfigField[] {
  const left = configLeaves(a);
  const right = configLeaves(b);
  const fields: ConfigField[] = [];
  for (const [path, value] of left) {
    const other = right.get(path);
    fields.push(other === undefined ? { path, a: value, status: 'only A' } : { path, a: value, b: other, status: other === value ? 'same' : 'changed' });
  }
  for (const [path, value] of right) if (!left.has(path)) fields.push({ path, b: value, status: 'only B' });
  return fields;
}

export async function compareSides(a: CompareSide, b: CompareSide, opts: { signal?: AbortSignal } = {}): Promise<Comparison> {
  const started = performance.now();
  const entries = (side: CompareSide) => side.listings.map((l) => (l ? l.entries.map((e) => e.entry) : []));
  const fsA = mergeLayers(entries(a));
  const fsB = mergeLayers(entries(b));
  // Same tar (diff_id) and same path: the same bytes, without reading them.
  const sameTar = (x: MergedNode, y: MergedNode) => {
    const dx = a.layers[x.layer]?.diffId;
    return dx !== undefined && dx === b.layers[y.layer]?.diffId ? true : undefined;
  };
  const diff = diffMergedFs(fsA, fsB, sameTar);
  const verdicts = await hashPending(a, b, diff.pending.map((i) => diff.rows[i]), opts.signal);
  const rows = settleDiff(diff, verdicts);

  const byKind: Record<RowFilter, number[]> = { all: [], added: [], removed: [], changed: [] };
  rows.forEach((row, i) => {
    byKind.all.push(i);
    byKind[row.kind].push(i);
  });
  const problems = [
    ...fsA.problems.map((p) => ({ ...p, where: `A: ${p.where}` })),
    ...fsB.problems.map((p) => ({ ...p, where: `B: ${p.where}` })),
    ...[a, b].flatMap((side, s) => side.listings.flatMap((l, i) => (l ? l.problems : side.layers[i]?.declared === null ? [] : [{ severity: 'warning' as const, where: `${'AB'[s]}: L${i + 1}`, message: 'the layer was not read; its files are missing from the comparison' }]))),
  ];
  const summary = (side: CompareSide, fs: typeof fsA) => ({ label: side.label, layers: side.layers.length, files: fs.fileCount, bytes: fs.totalBytes });
  const view: CompareView = {
    a: summary(a, fsA),
    b: summary(b, fsB),
    layers: matchLayers(a, b),
    config: compareConfigs(a.config, b.config),
    counts: { all: byKind.all.length, added: byKind.added.length, removed: byKind.removed.length, changed: byKind.changed.length },
    contentUnknown: rows.filter((r) => r.contentUnknown).length,
    problems,
    compareMs: performance.now() - started,
  };
  return {
    view,
    rows: (filter, start, end) => byKind[filter].slice(Math.max(0, start), Math.min(end, start + MAX_COMPARE_ROWS)).map((i) => rows[i]),
  };
}

/** Whether each pending row's two files hold the same bytes, hashing them a layer at a time. */
async function hashPending(a: CompareSide, b: CompareSide, pending: FileDiffRow[], signal?: AbortSignal): Promise<(boolean | undefined)[]> {
  const wanted = (side: 'a' | 'b') => {
    const byLayer = new Map<number, Set<string>>();
    for (const row of pending) {
      const layer = row[side]!.layer;
      if (!byLayer.has(layer)) byLayer.set(layer, new Set());
      byLayer.get(layer)!.add(row.path);
    }
    return byLayer;
  };
  const hashesOf = async (side: CompareSide, byLayer: Map<number, Set<string>>) => {
    const found = new Map<number, Map<string, string>>();
    for (const [layer, paths] of byLayer) found.set(layer, await hashLayerFiles(side, layer, paths, signal));
    return found;
  };
  const ha = await hashesOf(a, wanted('a'));
  const hb = await hashesOf(b, wanted('b'));
  return pending.map((row) => {
    const x = ha.get(row.a!.layer)?.get(row.path);
    const y = hb.get(row.b!.layer)?.get(row.path);
    return x === undefined || y === undefined ? undefined : x === y;
  });
}
