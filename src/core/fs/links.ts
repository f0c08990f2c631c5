// Resolving symlinks and hardlinks inside a frozen image tree, never the host's filesystem. Walks
// path components the way the kernel does under chroot: absolute targets restart at the image
// root, `..` at the root stays at the root (clamped, and reported), each link followed costs a
// hop, and too many hops means a loop. Iterative, so hostile chains cannot blow the stack.

import type { FsEntry } from './entry.ts';

/** Anything that can look up a normalised path ('' is the root): a MergedFs or one layer. */
export interface LinkTree<N extends { entry: FsEntry }> {
  lookup(path: string): N | undefined;
}

export const MAX_LINK_HOPS = 40; // Linux's MAXSYMLINKS

export type Resolution<N> =
  | { ok: true; path: string; node: N; hops: number; clamped: boolean }
  | { ok: false; reason: 'missing' | 'loop' | 'not-a-directory'; at: string; message: string; hops: number };

/**
 * Resolves `path` (normalised, relative to the image root) through every symlink and hardlink on
 * the way. With `followFinal: false` the last component is not followed (like lstat).
 */
export function resolvePath<N extends { entry: FsEntry }>(
  tree: LinkTree<N>,
  path: string,
  opts: { followFinal?: boolean; maxHops?: number } = {},
): Resolution<N> {
  const followFinal = opts.followFinal ?? true;
  const maxHops = opts.maxHops ?? MAX_LINK_HOPS;
  let resolved: string[] = [];
  const pending = segmentsOf(path).reverse(); // a stack: next component on top
  let hops = 0;
  let clamped = false;
  const broken = (reason: 'missing' | 'loop' | 'not-a-directory', at: string, message: string) =>
    ({ ok: false as const, reason, at, message, hops });

  while (pending.length) {
    const seg = pending.pop()!;
    if (seg === '..') {
      if (resolved.length) resolved.pop();
      else clamped = true;
      continue;
    }
    const candidate = resolved.length ? `${resolved.join('/')}/${seg}` : seg;
    const node = tree.lookup(candidate);
    if (!node) return broken('missing', candidate, `/${candidate} does not exist in the image`);
    const isLast = pending.length === 0;
    const { type, linkname } = node.entry;
    if ((type === 'symlink' || type === 'hardlink') && (!isLast || followFinal)) {
      if (++hops > maxHops) return broken('loop', candidate, `more than ${maxHops} links followed from /${path} (a link loop)`);
      const target = linkname ?? '';
      if (target === '') return broken('missing', candidate, `/${candidate} is a ${type} with an empty target`);
      // Hardlink targets are image paths; symlink targets are relative to the link's directory.
      if (type === 'hardlink' || target.startsWith('/')) resolved = [];
      for (const s of segmentsOf(target).reverse()) pending.push(s);
      continue;
    }
    if (!isLast && type !== 'dir') return broken('not-a-directory', candidate, `/${candidate} is a ${type}, not a directory`);
    resolved.push(seg);
  }
  const finalPath = resolved.join('/');
  const node = tree.lookup(finalPath);
  if (!node) return broken('missing', finalPath, `/${finalPath} does not exist in the image`);
  return { ok: true, path: finalPath, node, hops, clamped };
}

function segmentsOf(path: string): string[] {
  return path.split('/').filter((s) => s !== '' && s !== '.');
}
