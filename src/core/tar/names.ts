// Turning an archive member name into a safe image path, and recognising whiteout names.
// Names are untrusted: `../`, absolute and `////` names are cleaned lexically against the image
// root (as containerd does with filepath.Join("/", name)), so no path can ever escape it.
// Backslashes and `C:` are ordinary bytes in a Linux file name, so they are kept (a runtime would
// create exactly that name) but reported, because other platforms would read them as separators.

import type { EntryType } from '../fs/entry.ts';

export interface CleanName {
  /** Normalised path; '' means the image root itself. */
  path: string;
  /** The name ended with '/' (a directory in old archives). */
  trailingSlash: boolean;
  warnings: readonly string[];
}

// C0 controls, DEL, and the Unicode bidi controls that can make a name display as another.
const SUSPICIOUS = /[\u0000-\u001f\u007f\u061c\u200e\u200f\u202a-\u202e\u2066-\u2069]/;

const NO_WARNINGS: readonly string[] = Object.freeze([]);

export function cleanName(name: string): CleanName {
  const plain = plainPath(name);
  if (plain !== undefined) return { path: plain, trailingSlash: name.endsWith('/'), warnings: NO_WARNINGS };
  const segments: string[] = [];
  let escaped = false;
  for (const segment of name.split('/')) {
    if (segment === '' || segment === '.') continue;
    if (segment === '..') {
      if (segments.length === 0) escaped = true;
      else segments.pop();
      continue;
    }
    segments.push(segment);
  }
  const path = segments.join('/');
  const warnings: string[] = [];
  const quoted = (): string => JSON.stringify(name);
  // A leading "./" and a trailing "/" are normal in layers and not worth a warning.
  if (name.replace(/^\.\//, '').replace(/\/$/, '') !== path) {
    const why = escaped ? 'points outside the image root' : name.startsWith('/') ? 'is absolute'
      : /(^|\/)\.\.(\/|$)/.test(name) ? 'contains ".."' : /\/\//.test(name) ? 'has repeated slashes' : 'is not normalised';
    warnings.push(`name ${quoted()} ${why}; read as "${path}"`);
  }
  if (name.includes('\\')) warnings.push(`name ${quoted()} contains a backslash (kept as part of the name, as Linux does)`);
  if (/^[A-Za-z]:/.test(name)) warnings.push(`name ${quoted()} looks like a Windows drive path (kept as a plain name)`);
  if (SUSPICIOUS.test(name)) warnings.push(`name ${quoted()} contains control or bidi characters`);
  return { path, trailingSlash: name.endsWith('/'), warnings };
}

/**
 * The path of a name that needs no cleaning, found in one pass without splitting it (most layer
 * names): printable ASCII without backslashes, no empty, "." or ".." segments, an optional
 * leading "./" and trailing "/", no drive letter. Undefined for any other name.
 */
function plainPath(name: string): string | undefined {
  const start = name.startsWith('./') ? 2 : 0;
  const end = name.endsWith('/') ? name.length - 1 : name.length;
  if (end <= start || name.charCodeAt(1) === 0x3a) return undefined;
  let segment = start;
  for (let i = start; i <= end; i++) {
    const c = i === end ? 0x2f : name.charCodeAt(i);
    if (c === 0x2f) {
      const length = i - segment;
      if (length === 0) return undefined;
      if (name.charCodeAt(segment) === 0x2e && (length === 1 || (length === 2 && name.charCodeAt(segment + 1) === 0x2e))) return undefined;
      segment = i + 1;
    } else if (c < 0x20 || c > 0x7e || c === 0x5c) {
      return undefined;
    }
  }
  return start === 0 && end === name.length ? name : name.slice(start, end);
}

export type WhiteoutKind =
  | { kind: 'none' }
  | { kind: Extract<EntryType, 'whiteout' | 'opaque'>; path: string }
  | { kind: 'invalid'; reason: string };

/** Classifies a cleaned path: `.wh.<name>` deletes `<dir>/<name>`, `.wh..wh..opq` marks `<dir>` opaque. */
export function whiteoutOf(path: string): WhiteoutKind {
  const slash = path.lastIndexOf('/');
  const base = path.slice(slash + 1);
  if (!base.startsWith('.wh.')) return { kind: 'none' };
  const dir = slash === -1 ? '' : path.slice(0, slash);
  if (base === '.wh..wh..opq') return { kind: 'opaque', path: dir };
  const target = base.slice(4);
  if (target === '' || target === '.' || target === '..') {
    return { kind: 'invalid', reason: `whiteout "${path}" names no file` };
  }
  if (target.startsWith('.wh.')) {
    return { kind: 'invalid', reason: `"${path}" is an AUFS metadata name, not a whiteout` };
  }
  return { kind: 'whiteout', path: dir === '' ? target : `${dir}/${target}` };
}
