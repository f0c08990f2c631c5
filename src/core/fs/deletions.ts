// A layer that deletes lower paths, as the entries its tar holds. The composer keeps a layer's
// deletions apart from its entries (a path can be deleted from below and made anew in the same
// layer); here each deletion becomes a whiteout, unless the layer puts the path back: a folder put
// back (or anything the layer adds inside it) makes it an opaque folder, so the lower contents stay
// hidden; anything else put back simply replaces the lower path, which needs no whiteout.

import type { FsEntry } from './entry.ts';

export function withDeletions(entries: readonly FsEntry[], deleted: readonly string[]): FsEntry[] {
  if (deleted.length === 0) return [...entries];
  const own = new Map(entries.map((entry) => [entry.path, entry]));
  const parents = new Set<string>();
  for (const { path } of entries) {
    for (let slash = path.lastIndexOf('/'); slash > 0; slash = path.lastIndexOf('/', slash - 1)) {
      const parent = path.slice(0, slash);
      if (parents.has(parent)) break;
      parents.add(parent);
    }
  }
  const markers: FsEntry[] = [];
  for (const path of deleted) {
    const back = own.get(path);
    if (back && back.type !== 'dir') continue;
    const type = back || parents.has(path) ? 'opaque' : 'whiteout';
    markers.push({ path, type, mode: 0o644, uid: 0, gid: 0, size: 0 });
  }
  return [...entries, ...markers];
}
