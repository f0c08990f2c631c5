// The display model of a filesystem tree, shared by the composer (editable) and the inspector
// (read-only). Built from FsEntry lists; never holds file bytes.

import type { EntryType, FsEntry } from './entry.ts';
import type { ChangeKind } from './merge.ts';

export type { ChangeKind } from './merge.ts';

export interface FsTreeNode {
  /** Unique key: the entry path (`bin/busybox`); the root is never a node. */
  id: string;
  name: string;
  type: EntryType;
  mode: number;
  uid: number;
  gid: number;
  /** File size, or for folders the total of every file below. */
  size: number;
  linkname?: string;
  /** A folder that exists only because something below it does (no entry of its own). */
  implicit?: boolean;
  mark?: ChangeKind;
  /** Where the entry comes from, e.g. a layer name; shown as a small tag. */
  origin?: string;
  /** Struck through: hidden by a later layer (inspector's merged view). */
  hidden?: boolean;
  children?: FsTreeNode[];
}

/** The node fields an entry gives directly; only files have a size of their own. */
export function entryFields(entry: FsEntry): Pick<FsTreeNode, 'type' | 'mode' | 'uid' | 'gid' | 'size' | 'linkname'> {
  return {
    type: entry.type,
    mode: entry.mode,
    uid: entry.uid,
    gid: entry.gid,
    size: entry.type === 'file' ? entry.size : 0,
    ...(entry.linkname !== undefined ? { linkname: entry.linkname } : {}),
  };
}
