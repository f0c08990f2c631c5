// Which files can no longer be read. A browser File is a snapshot of a file on disk: once the
// file changes, moves or is deleted, reading it fails (NotReadableError, NotFoundError), and a
// build reading a whole layer only learns that some read failed. Trying one byte of each names
// the files to add again.

import type { FsEntry } from './entry.ts';

/** Paths of the files among `entries` whose content cannot be read any more, at most `limit`. */
export async function unreadableFiles(entries: readonly FsEntry[], limit = 20): Promise<string[]> {
  const failed: string[] = [];
  for (const entry of entries) {
    if (entry.type !== 'file' || !entry.content || entry.content.size === 0) continue;
    try {
      await entry.content.slice(0, 1).arrayBuffer();
    } catch {
      failed.push(entry.path);
      if (failed.length >= limit) break;
    }
  }
  return failed;
}

/** The error a build reports when files could not be read: which ones, and what to do. */
export function unreadableError(paths: readonly string[]): Error {
  const named = paths.slice(0, 5).map((p) => `/${p}`).join(', ');
  const more = paths.length > 5 ? ` and ${paths.length - 5} more` : '';
  return new Error(`${named}${more} can no longer be read: ${paths.length === 1 ? 'it was' : 'they were'} changed, moved or deleted on disk after being added. Add ${paths.length === 1 ? 'it' : 'them'} again.`);
}
