// Pure display helpers shared by the composer and the inspector: sizes, digests, file modes.

const UNITS = ['B', 'KiB', 'MiB', 'GiB', 'TiB'];

/** `1536` -> `1.5 KiB`; exact bytes belong in a tooltip (see ByteSize). */
export function humanBytes(bytes: number): string {
  if (!Number.isFinite(bytes) || bytes < 0) return '—';
  let value = bytes;
  let unit = 0;
  while (value >= 1024 && unit < UNITS.length - 1) {
    value /= 1024;
    unit++;
  }
  if (unit === 0) return `${bytes} B`;
  const digits = value >= 100 ? 0 : value >= 10 ? 1 : 2;
  return `${value.toFixed(digits)} ${UNITS[unit]}`;
}

/** `1234567` -> `1,234,567 bytes` (locale-independent so tests and screenshots agree). */
export function exactBytes(bytes: number): string {
  return `${String(bytes).replace(/\B(?=(\d{3})+(?!\d))/g, ',')} bytes`;
}

/** Keeps the algorithm and both ends of a long value: `sha256:1a2b3c…7d8e9f`. */
export function middleEllipsis(value: string, keepStart = 14, keepEnd = 6): string {
  if (value.length <= keepStart + keepEnd + 1) return value;
  return `${value.slice(0, keepStart)}…${value.slice(-keepEnd)}`;
}

const TYPE_CHAR: Record<string, string> = {
  file: '-', dir: 'd', symlink: 'l', hardlink: 'h', char: 'c', block: 'b', fifo: 'p', whiteout: 'w', opaque: 'o',
};

/** `('dir', 0o755)` -> `drwxr-xr-x`, with setuid/setgid/sticky shown as `ls` does. */
export function modeString(type: string, mode: number): string {
  const bits = ['r', 'w', 'x'];
  let out = TYPE_CHAR[type] ?? '?';
  for (let shift = 6; shift >= 0; shift -= 3) {
    for (let i = 0; i < 3; i++) out += mode & (1 << (shift + 2 - i)) ? bits[i] : '-';
  }
  const chars = out.split('');
  const special = (index: number, flag: number, set: string, unset: string) => {
    if (mode & flag) chars[index] = chars[index] === 'x' ? set : unset;
  };
  special(3, 0o4000, 's', 'S');
  special(6, 0o2000, 's', 'S');
  special(9, 0o1000, 't', 'T');
  return chars.join('');
}

/** `0o755` -> `0755`. */
export function octalMode(mode: number): string {
  return (mode & 0o7777).toString(8).padStart(4, '0');
}

/** `(1, 'layer')` -> `1 layer`, `(2, 'entry', 'entries')` -> `2 entries`. */
export function count(n: number, one: string, many = `${one}s`): string {
  return `${n} ${n === 1 ? one : many}`;
}
