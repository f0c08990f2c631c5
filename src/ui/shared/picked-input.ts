// Turns what the person picked or dropped into an image input: one file (an archive) or a
// folder's files with their relative paths (an OCI layout directory). Only walks names; the bytes
// are read later, in the worker.

import type { FolderFile } from '../../core/formats/folder/read.ts';

export type PickedInput = { kind: 'file'; file: File } | { kind: 'folder'; name: string; files: FolderFile[] };

/** From `<input webkitdirectory>`: every file with its path relative to the picked folder. */
export function folderFromInput(files: Iterable<File>): PickedInput | null {
  const list = [...files].map((file) => ({ path: file.webkitRelativePath || file.name, file }));
  if (list.length === 0) return null;
  return { kind: 'folder', name: list[0].path.split('/')[0] || 'folder', files: list };
}

export async function fromDrop(transfer: DataTransfer): Promise<PickedInput | null> {
  const entries = [...transfer.items].map((item) => item.webkitGetAsEntry?.()).filter((e): e is FileSystemEntry => !!e);
  if (entries.length === 1 && entries[0].isFile) return { kind: 'file', file: transfer.files[0] };
  if (entries.length === 0) return transfer.files[0] ? { kind: 'file', file: transfer.files[0] } : null;
  const files: FolderFile[] = [];
  for (const entry of entries) await walk(entry, files);
  const name = entries.length === 1 ? entries[0].name : 'dropped files';
  return { kind: 'folder', name, files };
}

async function walk(root: FileSystemEntry, out: FolderFile[]): Promise<void> {
  const stack: FileSystemEntry[] = [root];
  while (stack.length) {
    const entry = stack.pop()!;
    const path = entry.fullPath.replace(/^\//, '');
    if (entry.isFile) {
      const file = await new Promise<File>((resolve, reject) => (entry as FileSystemFileEntry).file(resolve, reject));
      out.push({ path, file });
    } else if (entry.isDirectory) {
      const reader = (entry as FileSystemDirectoryEntry).createReader();
      // readEntries returns batches (100 in Chromium) until an empty one.
      for (;;) {
        const batch = await new Promise<FileSystemEntry[]>((resolve, reject) => reader.readEntries(resolve, reject));
        if (batch.length === 0) break;
        stack.push(...batch);
      }
    }
  }
}
