// What a built layer is made of, as one string: every entry's tar fields, an identity for each
// file's bytes, the default mtime and the compression. Two layers with the same recipe have the
// same bytes, so a built layer can be stored under the recipe's SHA-256 and found again, after a
// reload too, instead of being built again. RECIPE_VERSION names the writer's output rules (piece
// size, gzip level, tar format): change it whenever they change.

import type { FsEntry } from '../fs/entry.ts';
import type { LayerCompression } from '../oci/media-types.ts';

/** 2: gzip pieces deflated by miniz_oxide level 3 instead of fflate level 6. */
export const RECIPE_VERSION = 2;

export interface RecipeOptions {
  created: string;
  compression: LayerCompression;
  /**
   * A name for a file entry's bytes that stays the same for the same bytes (e.g. its storage key),
   * or null for a file without content. Asked of the entry, not its Blob, so a saved composition's
   * recipes can be made from its stored keys before the Blobs are read back.
   */
  contentId(entry: FsEntry): string | null;
}

const hex = (bytes: Uint8Array) => Array.from(bytes, (b) => b.toString(16).padStart(2, '0')).join('');

export function layerRecipe(entries: readonly FsEntry[], opts: RecipeOptions): string {
  const rows = entries.map((e) => [
    e.path, e.type, e.mode, e.uid, e.gid, e.uname ?? null, e.gname ?? null, e.mtime ?? null, e.size,
    e.linkname ?? null, e.devmajor ?? null, e.devminor ?? null,
    e.xattrs ? Object.entries(e.xattrs).map(([k, v]) => [k, hex(v)]) : null,
    e.type === 'file' ? opts.contentId(e) : null,
  ]);
  rows.sort((a, b) => (a[0]! < b[0]! ? -1 : a[0]! > b[0]! ? 1 : String(a[1]) < String(b[1]) ? -1 : 1));
  return JSON.stringify({ v: RECIPE_VERSION, created: opts.created, compression: opts.compression, entries: rows });
}
