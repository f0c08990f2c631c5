// The one view every image reader has of its container: a set of named files with random access.
// A tar, a zip and a dropped folder all become this, so the OCI-layout and docker-save readers
// never care which container they were given. Links inside the container are followed here,
// within the container, with a hop limit.

import { error, type Problem, type ProblemSink } from '../problem.ts';

export type ArchiveKind = 'tar' | 'zip' | 'folder';

export interface OpenedFile {
  /** The bytes, as a lazy slice of the archive wherever possible. */
  blob: Blob;
  /** The path that finally held the bytes (differs from the name when links were followed). */
  path: string;
  /** The link paths followed to get there, in order; empty for a plain file. */
  viaLinks: string[];
}

export interface ArchiveFiles {
  kind: ArchiveKind;
  /** Normalised paths (no leading `/`, no `.`/`..`) of regular files and links, archive order. */
  names(): string[];
  /** The stored (uncompressed) size of a file, without opening it; undefined for links and absent names. */
  size(name: string): number | undefined;
  /** Opens a file by normalised path; undefined when absent. Throws ArchiveError when broken. */
  open(name: string): Promise<OpenedFile | undefined>;
  /** What indexing found wrong (skipped entries, unsafe names, …). */
  problems: Problem[];
}

export class ArchiveError extends Error {
  override name = 'ArchiveError';
}

export const MAX_ARCHIVE_LINK_HOPS = 16;

/** A link as the containers record it: symlink targets are relative to the link's directory,
 *  hardlink targets are archive paths. */
export interface ArchiveLink {
  type: 'symlink' | 'hardlink';
  target: string;
}

/** What a container holds under one name: bytes, or a link to another name. */
export type ArchiveNode = { blob: Blob } | { link: ArchiveLink };

/**
 * Follows links by name inside one archive: `lookup` gives a file's blob or link. Symlink targets
 * that climb above the archive root or are absolute are refused (archives are not filesystems).
 */
export async function followLinks(
  name: string,
  lookup: (path: string) => ArchiveNode | undefined | Promise<ArchiveNode | undefined>,
): Promise<OpenedFile | undefined> {
  const viaLinks: string[] = [];
  let path = name;
  for (let hop = 0; ; hop++) {
    const found = await lookup(path);
    if (!found) {
      if (viaLinks.length === 0) return undefined;
      throw new ArchiveError(`${name}: link ${viaLinks.at(-1)} points to ${JSON.stringify(path)}, which is not in the archive`);
    }
    if ('blob' in found) return { blob: found.blob, path, viaLinks };
    if (hop >= MAX_ARCHIVE_LINK_HOPS) throw new ArchiveError(`${name}: more than ${MAX_ARCHIVE_LINK_HOPS} links followed (a link loop?)`);
    viaLinks.push(path);
    const base = found.link.type === 'symlink' ? path.split('/').slice(0, -1) : [];
    const next = joinInside(base, found.link.target);
    if (next === null) {
      throw new ArchiveError(`${name}: link ${path} -> ${JSON.stringify(found.link.target)} leaves the archive; not followed`);
    }
    path = next;
  }
}

/** Joins a relative target to a directory (as segments); null if absolute or climbing above root. */
function joinInside(dir: string[], target: string): string | null {
  if (target.startsWith('/')) return null;
  const out = [...dir];
  for (const seg of target.split('/')) {
    if (seg === '' || seg === '.') continue;
    if (seg === '..') {
      if (out.length === 0) return null;
      out.pop();
    } else out.push(seg);
  }
  return out.join('/');
}

/** Normalises an archive member name; null when it is unsafe (absolute, `..`, backslash, NUL). */
export function safeArchiveName(raw: string): string | null {
  if (raw.startsWith('/') || raw.includes('\\') || raw.includes('\0') || /^[A-Za-z]:/.test(raw)) return null;
  const out: string[] = [];
  for (const seg of raw.split('/')) {
    if (seg === '' || seg === '.') continue;
    if (seg === '..') return null;
    out.push(seg);
  }
  return out.length ? out.join('/') : null;
}

/** files.open, with a broken file recorded as a problem (and treated as absent) instead of thrown. */
export async function openReported(files: ArchiveFiles, name: string, problems: ProblemSink): Promise<OpenedFile | undefined> {
  try {
    return await files.open(name);
  } catch (e) {
    error(problems, name, (e as Error).message);
    return undefined;
  }
}
