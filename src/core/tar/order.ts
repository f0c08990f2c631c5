// The canonical entry list of a layer tar: validated, duplicate-free, missing parent directories
// added, sorted depth-first by path segments in UTF-8 byte order. Comparing segment by segment
// (rather than whole strings) keeps each directory's subtree contiguous and puts `a/b` before
// `a-b`; an opaque marker sorts right after its directory's own entry, before the children.

import type { FsEntry } from '../fs/entry.ts';
import { TarError } from './errors.ts';

export const WHITEOUT_PREFIX = '.wh.';
export const OPAQUE_NAME = '.wh..wh..opq';

/** The name an entry gets inside the tar (directories with a trailing `/`). */
export function tarPathOf(entry: FsEntry): string {
  switch (entry.type) {
    case 'dir':
      return `${entry.path}/`;
    case 'whiteout':
      return joinPath(parentOf(entry.path), WHITEOUT_PREFIX + baseOf(entry.path));
    case 'opaque':
      return joinPath(entry.path, OPAQUE_NAME);
    default:
      return entry.path;
  }
}

export function normalizeEntries(entries: FsEntry[]): FsEntry[] {
  const byPath = new Map<string, FsEntry>();
  const opaque = new Map<string, FsEntry>();
  for (const entry of entries) {
    checkPath(entry);
    const table = entry.type === 'opaque' ? opaque : byPath;
    if (table.has(entry.path)) {
      const what = entry.type === 'opaque' ? 'opaque marker for' : 'path';
      throw new TarError(`duplicate ${what} "${entry.path}" in layer`, -1, entry.path);
    }
    table.set(entry.path, entry);
  }
  const requireDir = (dir: string, child: string): void => {
    const existing = byPath.get(dir);
    if (existing === undefined) {
      byPath.set(dir, { path: dir, type: 'dir', mode: 0o755, uid: 0, gid: 0, size: 0 });
    } else if (existing.type !== 'dir') {
      throw new TarError(`"${child}" needs "${dir}" to be a directory, but it is a ${existing.type}`, -1, child);
    }
  };
  for (const entry of [...byPath.values(), ...opaque.values()]) {
    const segments = entry.path === '' ? [] : entry.path.split('/');
    const depth = entry.type === 'opaque' ? segments.length : segments.length - 1;
    for (let i = 1; i <= depth; i++) requireDir(segments.slice(0, i).join('/'), entry.path);
  }
  const keyed = [...byPath.values(), ...opaque.values()].map((entry) => ({ entry, key: sortKey(entry) }));
  keyed.sort((a, b) => compareUtf8(a.key, b.key));
  return hardlinksAfterTargets(keyed.map(({ entry }) => entry), byPath);
}

/**
 * Extractors create a hardlink by linking to a path that must already exist, so a hardlink whose
 * target comes later in this layer is moved to right after its target (order otherwise kept).
 */
function hardlinksAfterTargets(sorted: FsEntry[], byPath: Map<string, FsEntry>): FsEntry[] {
  const out: FsEntry[] = [];
  const emitted = new Set<string>();
  const waiting = new Map<string, FsEntry[]>();
  const emit = (entry: FsEntry): void => {
    out.push(entry);
    if (entry.type === 'opaque') return;
    emitted.add(entry.path);
    const waiters = waiting.get(entry.path);
    waiting.delete(entry.path);
    waiters?.forEach(emit);
  };
  for (const entry of sorted) {
    const target = entry.type === 'hardlink' ? entry.linkname ?? '' : '';
    if (target !== '' && byPath.has(target) && !emitted.has(target)) {
      waiting.set(target, [...(waiting.get(target) ?? []), entry]);
    } else {
      emit(entry);
    }
  }
  // Whatever still waits is in a cycle; emit it in sorted order.
  const placed = new Set(out);
  for (const entry of sorted) if (!placed.has(entry)) out.push(entry);
  return out;
}

function checkPath(entry: FsEntry): void {
  const { path } = entry;
  const rootOpaque = entry.type === 'opaque' && path === '';
  if (!rootOpaque && !isCleanPath(path)) {
    throw new TarError(`invalid entry path "${path}": must be relative, without empty, "." or ".." segments or NUL`, -1, path);
  }
  const base = baseOf(path);
  if (base.startsWith(WHITEOUT_PREFIX)) {
    throw new TarError(`invalid entry path "${path}": names starting with ".wh." are reserved for whiteouts`, -1, path);
  }
}

/** Path segments joined by NUL (below every character of a name); opaque gets an empty last segment. */
function sortKey(entry: FsEntry): string {
  const segments = tarPathOf(entry).replace(/\/$/, '').split('/');
  if (entry.type === 'opaque') segments[segments.length - 1] = '';
  return segments.join('\0');
}

/** A normalised image path: relative, no empty, "." or ".." segments, no NUL. */
export function isCleanPath(path: string): boolean {
  return !path.includes('\0') && path.split('/').every((s) => s !== '' && s !== '.' && s !== '..');
}

/**
 * Orders strings as their UTF-8 bytes would order (= code point order) without encoding them:
 * UTF-16 code units already sort that way except surrogates, which must sort above U+E000-U+FFFF.
 */
export function compareUtf8(a: string, b: string): number {
  const n = Math.min(a.length, b.length);
  for (let i = 0; i < n; i++) {
    const x = a.charCodeAt(i);
    const y = b.charCodeAt(i);
    if (x !== y) return codePointRank(x) - codePointRank(y);
  }
  return a.length - b.length;
}

function codePointRank(unit: number): number {
  if (unit < 0xd800) return unit;
  return unit < 0xe000 ? unit + 0x2000 : unit - 0x800;
}

function parentOf(path: string): string {
  const slash = path.lastIndexOf('/');
  return slash === -1 ? '' : path.slice(0, slash);
}

function baseOf(path: string): string {
  return path.slice(path.lastIndexOf('/') + 1);
}

function joinPath(dir: string, name: string): string {
  return dir === '' ? name : `${dir}/${name}`;
}
