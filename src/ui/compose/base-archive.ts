// The archive an edit started from, kept in this browser so a reload can read the base again.
// Storing it can fail (the storage quota): then the composer says which file it will need back.

import { del, get, set } from 'idb-keyval';
import type { ArchiveInput } from '../../core/formats/open.ts';
import { db } from './storage.ts';

const BASE_KEY = 'base-archive';

export interface StoredBase {
  fileName: string;
  input: ArchiveInput;
}

/** Keeps the archive; false when storage refused it (nothing half-written is left behind). */
export async function keepBaseArchive(fileName: string, input: ArchiveInput): Promise<boolean> {
  try {
    await set(BASE_KEY, { fileName, input } satisfies StoredBase, db);
    return true;
  } catch {
    await forgetBaseArchive().catch(() => {});
    return false;
  }
}

export async function loadBaseArchive(): Promise<StoredBase | undefined> {
  return get<StoredBase>(BASE_KEY, db).catch(() => undefined);
}

export function forgetBaseArchive(): Promise<void> {
  return del(BASE_KEY, db);
}
