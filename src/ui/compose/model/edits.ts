// Edits of the composer's layers as pure functions: add, remove, rename, move, change metadata,
// restore a deletion. Each returns new layers and bumps the revision of every layer it touched.
// With a base image below, deleting a base path writes a deletion (a whiteout) in the active
// layer, and changing a base entry copies it up into the active layer; base paths are never
// renamed or moved, since their bytes stay in the base layer they came from.

import type { FsEntry } from '../../../core/fs/entry.ts';
import { nextRevision, type ComposeBase, type ComposeLayer } from './composition.ts';
import { baseName, isSelfOrInside, joinPath, nameProblem, parentOf } from './paths.ts';
import { childNames, touchesBase, visibleAt } from './stack.ts';

export class EditError extends Error {
  override name = 'EditError';
}

/** What lies under the layers being edited, and which of them new deletions go to. */
export interface EditContext {
  base?: ComposeBase;
  active: number;
}

function touched(layer: ComposeLayer, entries: Record<string, FsEntry>, deleted = layer.deleted): ComposeLayer {
  return { ...layer, entries, deleted, revision: nextRevision(layer.revision) };
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

/**
 * Removes paths and everything below them, from one layer or (layerIndex null) from all. In one
 * layer, removing a deletion takes it back; from all, a path the base still holds afterwards gets
 * a deletion in the active layer.
 */
export function removePaths(layers: ComposeLayer[], paths: readonly string[], layerIndex: number | null, context: EditContext = { active: 0 }): ComposeLayer[] {
  const inside = (path: string) => paths.some((p) => isSelfOrInside(path, p));
  const removed = layers.map((layer, i) => {
    if (layerIndex !== null && i !== layerIndex) return layer;
    const keep = Object.entries(layer.entries).filter(([path]) => !inside(path));
    const deleted = layer.deleted.filter((path) => !inside(path));
    if (keep.length === Object.keys(layer.entries).length && deleted.length === layer.deleted.length) return layer;
    return touched(layer, Object.fromEntries(keep), deleted);
  });
  if (layerIndex !== null || !context.base) return removed;
  const stillThere = paths.filter((path) => visibleAt({ base: context.base, layers: removed }, path));
  if (stillThere.length === 0) return removed;
  return removed.map((layer, i) =>
    i === context.active ? touched(layer, layer.entries, [...new Set([...layer.deleted, ...stillThere])].sort()) : layer,
  );
}

/** Takes back the deletion of `path` in every layer that made one. */
export function restorePath(layers: ComposeLayer[], path: string): ComposeLayer[] {
  return layers.map((layer) => (layer.deleted.includes(path) ? touched(layer, layer.entries, layer.deleted.filter((p) => p !== path)) : layer));
}

/** Re-roots `from` (and its subtree) at `to` in every layer; checks the new name first. */
function rewrite(layers: ComposeLayer[], from: string, to: string): ComposeLayer[] {
  const moved = (path: string) => (isSelfOrInside(path, from) ? to + path.slice(from.length) : path);
  return layers.map((layer) => {
    const paths = [...Object.keys(layer.entries), ...layer.deleted];
    if (!paths.some((path) => isSelfOrInside(path, from))) return layer;
    const entries: Record<string, FsEntry> = {};
    for (const [path, entry] of Object.entries(layer.entries)) {
      const next = moved(path);
      entries[next] = next === path ? entry : { ...entry, path: next };
    }
    return touched(layer, entries, layer.deleted.map(moved).sort());
  });
}

function refuseBase(path: string, base: ComposeBase | undefined, layers: ComposeLayer[], verb: string): void {
  if (touchesBase({ base, layers }, path)) {
    throw new EditError(`/${path} comes from the base image, so it cannot be ${verb}: its bytes stay in the base layer. Add a copy where you want it, then delete this one.`);
  }
}

export function renamePath(layers: ComposeLayer[], from: string, newName: string, base?: ComposeBase): ComposeLayer[] {
  if (newName === baseName(from)) return layers;
  refuseBase(from, base, layers, 'renamed');
  const problem = nameProblem(newName, childNames({ base, layers }, parentOf(from)));
  if (problem) throw new EditError(problem);
  return rewrite(layers, from, joinPath(parentOf(from), newName));
}

export function movePaths(layers: ComposeLayer[], paths: readonly string[], destDir: string, base?: ComposeBase): ComposeLayer[] {
  let result = layers;
  for (const path of paths) {
    if (parentOf(path) === destDir) continue;
    if (isSelfOrInside(destDir, path)) throw new EditError(`Cannot move /${path} into itself.`);
    refuseBase(path, base, result, 'moved');
    const name = baseName(path);
    if (childNames({ base, layers: result }, destDir).has(name)) {
      throw new EditError(`"${name}" already exists in /${destDir}; rename one of them first.`);
    }
    result = rewrite(result, path, joinPath(destDir, name));
  }
  return result;
}

/**
 * Changes metadata (or content) of the entry at `path`. The uppermost layer holding it is edited;
 * a base entry is copied up into `layerIndex` first; an implied folder gets a real entry there.
 */
export function updateEntry(layers: ComposeLayer[], path: string, layerIndex: number, patch: Partial<FsEntry>, base?: ComposeBase): ComposeLayer[] {
  const owner = findOwner(layers, path);
  const target = owner ?? layerIndex;
  const fromBase = owner === null ? visibleAt({ base, layers }, path)?.entry : undefined;
  if (fromBase?.type === 'file' && !fromBase.content && !patch.content) {
    throw new EditError(`/${path} comes from the base image: its bytes must be read from the base before it can change.`);
  }
  return layers.map((layer, i) => {
    if (i !== target) return layer;
    const start: FsEntry = layer.entries[path] ?? fromBase ?? { path, type: 'dir', mode: 0o755, uid: 0, gid: 0, size: 0 };
    return touched(layer, { ...layer.entries, [path]: { ...start, ...patch, path } });
  });
}

/** Index of the uppermost layer holding `path`, or null. */
export function findOwner(layers: readonly ComposeLayer[], path: string): number | null {
  for (let i = layers.length - 1; i >= 0; i--) if (path in layers[i].entries) return i;
  return null;
}
