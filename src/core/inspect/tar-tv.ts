// The columns of `tar -tv` for an entry: type+permissions, owner, size, mtime, name, link. The
// inspector's layer list shows these so a learner can compare them with GNU tar's own output.

import type { FsEntry } from '../fs/entry.ts';

const TYPE_CHARS: Record<FsEntry['type'], string> = {
  file: '-', dir: 'd', symlink: 'l', hardlink: 'h', char: 'c', block: 'b', fifo: 'p', whiteout: '-', opaque: '-',
};

/** `drwxr-xr-x`, with setuid/setgid/sticky as s/S, s/S, t/T like ls and tar. */
export function modeString(entry: FsEntry): string {
  const m = entry.mode;
  const bit = (mask: number, ch: string) => (m & mask ? ch : '-');
  const special = (exec: number, flag: number, on: string) => (m & flag ? (m & exec ? on : on.toUpperCase()) : bit(exec, 'x'));
  return TYPE_CHARS[entry.type] +
    bit(0o400, 'r') + bit(0o200, 'w') + special(0o100, 0o4000, 's') +
    bit(0o040, 'r') + bit(0o020, 'w') + special(0o010, 0o2000, 's') +
    bit(0o004, 'r') + bit(0o002, 'w') + special(0o001, 0o1000, 't');
}

export interface TarTvColumns {
  mode: string;
  /** `uname/gname` when set, else numeric `uid/gid`, as GNU tar prints. */
  owner: string;
  /** Size, or `major,minor` for devices. */
  size: string;
  /** `YYYY-MM-DD hh:mm` in UTC. */
  mtime: string;
  name: string;
  /** ` -> target` for symlinks, ` link to target` for hardlinks. */
  link: string;
}

export function tarTv(entry: FsEntry): TarTvColumns {
  const owner = `${entry.uname || entry.uid}/${entry.gname || entry.gid}`;
  const size = entry.type === 'char' || entry.type === 'block' ? `${entry.devmajor ?? 0},${entry.devminor ?? 0}` : String(entry.size);
  const mtime = entry.mtime === undefined ? '' : utcMinutes(entry.mtime);
  const name = entry.type === 'whiteout' ? whiteoutName(entry.path, '.wh.') : entry.type === 'opaque' ? `${entry.path}/.wh..wh..opq` : entry.type === 'dir' ? `${entry.path}/` : entry.path;
  const link = entry.type === 'symlink' ? ` -> ${entry.linkname ?? ''}` : entry.type === 'hardlink' ? ` link to ${entry.linkname ?? ''}` : '';
  return { mode: modeString(entry), owner, size, mtime, name, link };
}

/** `YYYY-MM-DD hh:mm` for any mtime a tar can hold; beyond what Date holds (±2.7e5 years), the raw seconds. */
function utcMinutes(seconds: number): string {
  const date = new Date(seconds * 1000);
  if (Number.isNaN(date.getTime())) return `${seconds} s after the epoch`;
  const two = (n: number) => String(n).padStart(2, '0');
  const year = date.getUTCFullYear();
  const shownYear = year < 0 ? `-${String(-year).padStart(4, '0')}` : String(year).padStart(4, '0');
  return `${shownYear}-${two(date.getUTCMonth() + 1)}-${two(date.getUTCDate())} ${two(date.getUTCHours())}:${two(date.getUTCMinutes())}`;
}

function whiteoutName(path: string, prefix: string): string {
  const slash = path.lastIndexOf('/');
  return `${path.slice(0, slash + 1)}${prefix}${path.slice(slash + 1)}`;
}
