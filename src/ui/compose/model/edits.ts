// Edits of the composer's layers as pure functions: add, remove, rename, move, change metadata.
// Each returns new layers and bumps the revision of every layer it touched.

import type { FsEntry } from '../../../core/fs/entry.ts';
import type { ComposeLayer } from './composition.ts';
import { baseName, isSelfOrInside, joinPath, nameProblem, parentOf } from './paths.ts';
import { childNames, mergedView } from './tree.ts';

export class EditError extends Error {
  override name = 'EditError';
}

function touched(layer: ComposeLayer, entries: Record<string, FsEntry>): ComposeLayer {
  return { ...layer, entries, revision: layer.revision + 1 };
}

/** Adds or replaces entries in one layer. */
export function addEntries(layers: ComposeLayer[], layerIndex: number, added: FsEntry[]): ComposeLayer[] {
  return layers.map((layer, i) => {
    if (i !== layerIndex) return layer;
    const entries = { ...layer.entries };
    for (const entry of added) entries[entry.path] = entry;
    return touched(layer, entries);
  });
}

/** Removes paths and everything below them, from one layer or (layerIndex null) from all. */
export function removePaths(layers: ComposeLayer[], paths: readonly string[], layerIndex: number | null): ComposeLayer[] {
  return layers.map((layer, i) => {
    if (layerIndex !== null && i !== layerIndex) return layer;
    const keep = Object.entries(layer.entries).filter(([path]) => !paths.some((p) => isSelfOrInside(path, p)));
    if (keep.length === Object.keys(layer.entries).length) return layer;
    return touched(layer, Object.fromEntries(keep));
  });
}

/** Re-roots `from` (and its subtree) at `to` in every layer; checks the new name first. */
function rewrite(layers: ComposeLayer[], from: string, to: string): ComposeLayer[] {
  return layers.map((layer) => {
    if (!Object.keys(layer.entries).some((path) => isSelfOrInside(path, from))) return layer;
    const entries: Record<string, FsEntry> = {};
    for (const [path, entry] of Object.entries(layer.entries)) {
      const moved = isSelfOrInside(path, from) ? to + path.slice(from.length) : path;
      entries[moved] = moved === path ? entry : { ...entry, path: moved };
    }
    return touched(layer, entries);
  });
}

export function renamePath(layers: ComposeLayer[], from: string, newName: string): ComposeLayer[] {
  if (newName === baseName(from)) return layers;
  const siblings = childNames(mergedView(layers), parentOf(from));
  const problem = nameProblem(newName, siblings);
  if (problem) throw new EditError(problem);
  return rewrite(layers, from, joinPath(parentOf(from), newName));
}

export function movePaths(layers: ComposeLayer[], paths: readonly string[], destDir: string): ComposeLayer[] {
  let result = layers;
  for (const path of paths) {
    if (parentOf(path) === destDir) continue;
    if (isSelfOrInside(destDir, path)) throw new EditError(`Cannot move /${path} into itself.`);
    const name = baseName(path);
    if (childNames(mergedView(result), destDir).has(name)) {
      throw new EditError(`"${name}" already exists in /${destDir}; rename one of them first.`);
    }
    result = rewrite(result, path, joinPath(destDir, name));
  }
  return result;
}

/** Changes metadata of the entry at `path`; an implied folder gets a real entry in `layerIndex`. */
export function updateEntry(layers: ComposeLayer[], path: string, layerIndex: number, patch: Partial<FsEntry>): ComposeLayer[] {
  const owner = findOwner(layers, path);
  const target = owner ?? layerIndex;
  return layers.map((layer, i) => {
    if (i !== target) return layer;
    const base: FsEntry = layer.entries[path] ?? { path, type: 'dir', mode: 0o755, uid: 0, gid: 0, size: 0 };
    return touched(layer, { ...layer.entries, [path]: { ...base, ...patch, path } });
  });
}

/** Index of the uppermost layer holding `path`, or null. */
export function findOwner(layers: readonly ComposeLayer[], path: string): number | null {
  for (let i = layers.length - 1; i >= 0; i--) if (path in layers[i].entries) return i;
  return null;
}
