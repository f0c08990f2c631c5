// Path arithmetic and name rules for the composer's tree. Paths are FsEntry paths: relative,
// `/`-separated, no leading slash; the root folder is the empty string.

export const ROOT = '';

export function parentOf(path: string): string {
  const slash = path.lastIndexOf('/');
  return slash < 0 ? ROOT : path.slice(0, slash);
}

export function baseName(path: string): string {
  return path.slice(path.lastIndexOf('/') + 1);
}

export function joinPath(dir: string, name: string): string {
  return dir === ROOT ? name : `${dir}/${name}`;
}

export function isSelfOrInside(path: string, dir: string): boolean {
  return path === dir || path.startsWith(`${dir}/`);
}

/** `/` for the root, `/etc/motd` otherwise: how paths are shown to people. */
export function displayPath(path: string): string {
  return `/${path}`;
}

/** A reason the name cannot be used in that folder, or null when it is fine. */
export function nameProblem(name: string, siblings: Iterable<string>): string | null {
  if (name === '') return 'A name cannot be empty.';
  if (name === '.' || name === '..') return `"${name}" is reserved: it means this folder or its parent.`;
  if (name.includes('/')) return 'A name cannot contain "/": create a folder instead.';
  if (name.includes('\0')) return 'A name cannot contain the NUL character.';
  if (name.startsWith('.wh.')) return 'Names starting with ".wh." mark deletions in layers; choose another name.';
  if (new TextEncoder().encode(name).length > 255) return 'A name can be at most 255 bytes long.';
  for (const sibling of siblings) if (sibling === name) return `"${name}" already exists in this folder.`;
  return null;
}

/** Cleans a path from a drop or a file picker (`bin/busybox`, `./a//b`) into entry form. */
export function normaliseRelative(path: string): string | null {
  const parts = path.split('/').filter((p) => p !== '' && p !== '.');
  if (parts.some((p) => p === '..' || p.includes('\0'))) return null;
  return parts.join('/');
}
