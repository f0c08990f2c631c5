// Fresh entries made by the toolbar: a folder, an empty text file, a symlink, each with a name
// that does not collide with its future siblings.

import type { FsEntry } from '../../../core/fs/entry.ts';
import { joinPath } from '../model/paths.ts';

export type NewKind = 'folder' | 'text' | 'symlink';

const BASE: Record<NewKind, [string, string]> = {
  folder: ['new-folder', ''],
  text: ['untitled', '.txt'],
  symlink: ['link', ''],
};

export function freshName(kind: NewKind, siblings: Set<string>): string {
  const [stem, ext] = BASE[kind];
  for (let n = 1; ; n++) {
    const name = n === 1 ? `${stem}${ext}` : `${stem}-${n}${ext}`;
    if (!siblings.has(name)) return name;
  }
}

export function newEntry(kind: NewKind, dir: string, name: string): FsEntry {
  const path = joinPath(dir, name);
  switch (kind) {
    case 'folder':
      return { path, type: 'dir', mode: 0o755, uid: 0, gid: 0, size: 0 };
    case 'text':
      return { path, type: 'file', mode: 0o644, uid: 0, gid: 0, size: 0, content: new Blob([], { type: 'text/plain' }) };
    case 'symlink':
      return { path, type: 'symlink', mode: 0o777, uid: 0, gid: 0, size: 0, linkname: '/' };
  }
}
