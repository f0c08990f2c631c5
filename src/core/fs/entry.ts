// The one model of "a file" in Layerpad: an entry in a layer's changeset. The tar writer turns
// these into tar headers, the tar reader turns headers back into these, and the merged filesystem
// is computed from lists of them. Whiteouts are entries too, so a deletion is just another change.

export type EntryType =
  | 'file'
  | 'dir'
  | 'symlink'
  | 'hardlink'
  | 'char'
  | 'block'
  | 'fifo'
  /** deletes `path` from lower layers; written as `<dir>/.wh.<name>` */
  | 'whiteout'
  /** hides every lower child of directory `path`; written as `<path>/.wh..wh..opq` */
  | 'opaque';

export interface FsEntry {
  /** Normalised path relative to the image root: no leading or trailing `/`, no `.` or `..`
   *  segments, e.g. `bin/busybox`. The root directory itself is never an entry. */
  path: string;
  type: EntryType;
  /** Permission bits including setuid/setgid/sticky (`0o7777` mask). */
  mode: number;
  uid: number;
  gid: number;
  uname?: string;
  gname?: string;
  /** Seconds since the epoch; writers default it to the image's `created` time. */
  mtime?: number;
  /** Content length in bytes for files; 0 for everything else. */
  size: number;
  /** File content (files only). A Blob so large files are read in slices, never whole. */
  content?: Blob;
  /** Symlink target (as written) or hardlink target (an image path). */
  linkname?: string;
  devmajor?: number;
  devminor?: number;
  /** Extended attributes from PAX `SCHILY.xattr.*` records, kept as raw bytes. */
  xattrs?: Record<string, Uint8Array>;
}
