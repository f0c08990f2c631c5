// A file-level diff of two merged filesystems, as `diff -r` sees two root filesystems, plus what
// diff -r does not say: mode, owner and link target changes, and which layer made each change.
// Walks both trees together, siblings by name (byte order), without recursion, so the rows come
// out sorted by path. Whether two files of equal size hold the same bytes is asked of `same`;
// when it cannot tell yet, the row is kept pending for the caller to settle (by hashing).

import type { EntryType } from './entry.ts';
import type { MergedFs, MergedNode } from './merge.ts';
import { compareUtf8 } from '../tar/order.ts';

export type FileChange = 'type' | 'content' | 'mode' | 'owner' | 'link';

export interface DiffSide {
  type: EntryType;
  size: number;
  mode: number;
  uid: number;
  gid: number;
  linkname?: string;
  /** The layer of its image the entry comes from. */
  layer: number;
}

export interface FileDiffRow {
  path: string;
  kind: 'added' | 'removed' | 'changed';
  changes: FileChange[];
  a?: DiffSide;
  b?: DiffSide;
  /** For a removed path: the layer of B whose whiteout removed it, when one did. */
  removedBy?: number;
  /** Equal-sized files whose bytes could not be compared (too large to read). */
  contentUnknown?: boolean;
}

export interface FsDiff {
  rows: FileDiffRow[];
  /** Rows waiting for `settle`: files of equal size whose bytes `same` could not judge. */
  pending: number[];
}

const sideOf = (node: MergedNode): DiffSide => ({
  type: node.entry.type,
  size: node.entry.type === 'file' ? node.entry.size : 0,
  mode: node.entry.mode,
  uid: node.entry.uid,
  gid: node.entry.gid,
  ...(node.entry.linkname !== undefined ? { linkname: node.entry.linkname } : {}),
  layer: node.layer,
});

/** The layer of `fs` whose whiteout or opaque folder hid `path`, if any did. */
function deleterOf(fs: MergedFs, path: string): number | undefined {
  for (const hidden of fs.hiddenByLayer) {
    const h = hidden.get(path);
    if (h && h.reason !== 'overwritten') return h.hiddenBy;
  }
  return undefined;
}

export function diffMergedFs(a: MergedFs, b: MergedFs, same: (a: MergedNode, b: MergedNode) => boolean | undefined): FsDiff {
  const rows: FileDiffRow[] = [];
  const pending: number[] = [];
  const stack: [MergedNode | undefined, MergedNode | undefined][] = [];
  const pushChildren = (x: MergedNode | undefined, y: MergedNode | undefined) => {
    const names = new Set([...(x?.children?.keys() ?? []), ...(y?.children?.keys() ?? [])]);
    const sorted = [...names].sort(compareUtf8);
    for (let i = sorted.length - 1; i >= 0; i--) stack.push([x?.children?.get(sorted[i]), y?.children?.get(sorted[i])]);
  };
  pushChildren(a.root, b.root);
  while (stack.length > 0) {
    const [x, y] = stack.pop()!;
    if (x && !y) {
      const removedBy = deleterOf(b, x.path);
      rows.push({ path: x.path, kind: 'removed', changes: [], a: sideOf(x), ...(removedBy !== undefined ? { removedBy } : {}) });
      pushChildren(x, undefined);
      continue;
    }
    if (!x && y) {
      rows.push({ path: y.path, kind: 'added', changes: [], b: sideOf(y) });
      pushChildren(undefined, y);
      continue;
    }
    const left = x!;
    const right = y!;
    const changes: FileChange[] = [];
    let undecided = false;
    if (left.entry.type !== right.entry.type) changes.push('type');
    else if (left.entry.type === 'file') {
      if (left.entry.size !== right.entry.size) changes.push('content');
      else {
        const verdict = same(left, right);
        if (verdict === false) changes.push('content');
        undecided = verdict === undefined;
      }
    }
    if ((left.entry.mode & 0o7777) !== (right.entry.mode & 0o7777)) changes.push('mode');
    if (left.entry.uid !== right.entry.uid || left.entry.gid !== right.entry.gid) changes.push('owner');
    if ((left.entry.linkname ?? '') !== (right.entry.linkname ?? '')) changes.push('link');
    if (changes.length > 0 || undecided) {
      if (undecided) pending.push(rows.length);
      rows.push({ path: left.path, kind: 'changed', changes, a: sideOf(left), b: sideOf(right) });
    }
    pushChildren(left.children ? left : undefined, right.children ? right : undefined);
  }
  return { rows, pending };
}

/**
 * Settles the pending rows: `verdicts[i]` is whether pending row i's files hold the same bytes
 * (undefined: still unknown). Rows that turn out to differ in nothing are dropped.
 */
export function settleDiff(diff: FsDiff, verdicts: (boolean | undefined)[]): FileDiffRow[] {
  const drop = new Set<number>();
  diff.pending.forEach((row, i) => {
    const r = diff.rows[row];
    if (verdicts[i] === false) r.changes.unshift('content');
    else if (verdicts[i] === undefined) r.contentUnknown = true;
    if (r.changes.length === 0 && !r.contentUnknown) drop.add(row);
  });
  return drop.size === 0 ? diff.rows : diff.rows.filter((_, i) => !drop.has(i));
}
