// A layer of many small files in nested folders (data/aNN/bNN/cNN/fNNN.txt), for specs that
// check what 100 000 entries do to the page.

import type { FsEntry } from '../../src/core/fs/entry.ts';

const two = (n: number) => String(n).padStart(2, '0');
export const manyFilesContent = (path: string) => `file ${path}\n`;

/** `perLevel`³ folders of `perFolder` files each, plus the folders. */
export function manyFileEntries(perLevel: number, perFolder: number): FsEntry[] {
  const dir = (path: string): FsEntry => ({ path, type: 'dir', mode: 0o755, uid: 0, gid: 0, size: 0 });
  const entries: FsEntry[] = [dir('data')];
  for (let a = 0; a < perLevel; a++) {
    entries.push(dir(`data/a${two(a)}`));
    for (let b = 0; b < perLevel; b++) {
      entries.push(dir(`data/a${two(a)}/b${two(b)}`));
      for (let c = 0; c < perLevel; c++) {
        const folder = `data/a${two(a)}/b${two(b)}/c${two(c)}`;
        entries.push(dir(folder));
        for (let f = 0; f < perFolder; f++) {
          const path = `${folder}/f${String(f).padStart(3, '0')}.txt`;
          const content = new Blob([manyFilesContent(path)]);
          entries.push({ path, type: 'file', mode: 0o644, uid: 1000, gid: 1000, size: content.size, content });
        }
      }
    }
  }
  return entries;
}
