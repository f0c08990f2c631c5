// One tar block as annotated bytes, for the "Tar header" view: a 512-byte header cut into its
// ustar fields (after header.ts's layout) with each raw value, what it means and how it reads,
// the checksum recomputed beside the stored one; and a PAX or GNU long-name body cut into its
// records, each with why a writer needed it. Decoding here never throws: bad bytes are shown as
// what they are, with a note, because the view exists to show them.

import { BLOCK_SIZE } from './header.ts';
import { parseNumeric, safeNumber } from './numbers.ts';

export type SpanKind = 'field' | 'record' | 'data' | 'padding' | 'zero' | 'unused';

/** A run of bytes inside one block, named. */
export interface AnatomySpan {
  /** Offset inside the block. */
  start: number;
  length: number;
  kind: SpanKind;
  /** The ustar field name (`name`, `mode`, `chksum`…), the PAX key, or what the bytes are. */
  name: string;
  /** The bytes as text, NULs shown as \0 (cut after 120 characters). */
  raw: string;
  /** What the bytes say, read (`0644`, `1 700 000 000 = 2023-11-14 22:13:20 UTC`). */
  value: string;
  meaning: string;
}

export interface ChecksumCheck {
  /** Sum of the 512 bytes with the chksum field counted as eight spaces. */
  computed: number;
  stored: number | null;
  ok: boolean;
}

const latin1 = new TextDecoder('latin1');
const utf8 = new TextDecoder();

const FIELDS: { name: string; start: number; length: number; meaning: string }[] = [
  { name: 'name', start: 0, length: 100, meaning: 'The path, up to 100 bytes; a longer one is split into prefix + name or goes in a PAX or GNU record.' },
  { name: 'mode', start: 100, length: 8, meaning: 'Permission bits (and setuid, setgid, sticky) as octal text.' },
  { name: 'uid', start: 108, length: 8, meaning: 'Numeric owner, octal.' },
  { name: 'gid', start: 116, length: 8, meaning: 'Numeric group, octal.' },
  { name: 'size', start: 124, length: 12, meaning: 'Bytes of data after this header, octal (11 digits: up to 8 GiB − 1).' },
  { name: 'mtime', start: 136, length: 12, meaning: 'Modification time in seconds since 1970, octal.' },
  { name: 'chksum', start: 148, length: 8, meaning: 'Sum of all 512 header bytes, this field counted as eight spaces; six octal digits, NUL, space.' },
  { name: 'typeflag', start: 156, length: 1, meaning: 'What the entry is.' },
  { name: 'linkname', start: 157, length: 100, meaning: 'Target of a hard or symbolic link.' },
  { name: 'magic', start: 257, length: 6, meaning: '"ustar\\0" for POSIX ustar; "ustar " (with version " \\0") for GNU tar\'s format.' },
  { name: 'version', start: 263, length: 2, meaning: '"00" for POSIX ustar.' },
  { name: 'uname', start: 265, length: 32, meaning: 'Owner name; runtimes use the numeric uid.' },
  { name: 'gname', start: 297, length: 32, meaning: 'Group name; runtimes use the numeric gid.' },
  { name: 'devmajor', start: 329, length: 8, meaning: 'Major device number (character and block devices).' },
  { name: 'devminor', start: 337, length: 8, meaning: 'Minor device number.' },
  { name: 'prefix', start: 345, length: 155, meaning: 'Leading directories of a path too long for name: the path is prefix + "/" + name.' },
];

const TYPEFLAGS: Record<string, string> = {
  '0': 'regular file', '\0': 'regular file (old form)', '1': 'hard link', '2': 'symbolic link', '3': 'character device',
  '4': 'block device', '5': 'directory', '6': 'FIFO', '7': 'contiguous file (read as a regular file)',
  x: 'PAX extended header: key=value records for the next entry', g: 'PAX global header: records for every later entry',
  L: 'GNU long name: the next entry\'s path', K: 'GNU long link: the next entry\'s link target', S: 'GNU sparse file',
};

/** Bytes as text: printable ASCII as is, NUL as \0, anything else as \xNN. */
export function rawText(bytes: Uint8Array, max = 120): string {
  let out = '';
  for (let i = 0; i < bytes.length && out.length < max; i++) {
    const b = bytes[i];
    out += b === 0 ? '\\0' : b >= 0x20 && b < 0x7f ? String.fromCharCode(b) : `\\x${b.toString(16).padStart(2, '0')}`;
  }
  return out.length >= max ? `${out.slice(0, max)}…` : out;
}

const cString = (bytes: Uint8Array): string => {
  const end = bytes.indexOf(0);
  return utf8.decode(end === -1 ? bytes : bytes.subarray(0, end));
};

const grouped = (n: number | bigint) => String(n).replace(/\B(?=(\d{3})+(?!\d))/g, ' ');

/** " = <UTC date>" for a Unix time a Date can hold (±8.64e15 ms), else nothing. */
function dateText(seconds: bigint): string {
  const ms = Number(seconds) * 1000;
  return Math.abs(ms) <= 8.64e15 ? ` = ${new Date(ms).toISOString().replace('T', ' ').replace('.000Z', ' UTC')}` : '';
}

function numberValue(name: string, field: Uint8Array): string {
  const parsed = parseNumeric(field);
  if (!parsed.ok) return `unreadable: ${parsed.reason}`;
  const n = parsed.value;
  const base256 = field[0] & 0x80 ? ' (GNU base-256, not octal)' : '';
  if (name === 'mode') return `0${(n & 0o7777n).toString(8).padStart(3, '0')}${base256}`;
  if (name === 'mtime') return `${grouped(n)}${dateText(n)}${base256}`;
  if (name === 'chksum') return `${grouped(n)} (octal ${n.toString(8)})`;
  return `${grouped(n)}${base256}`;
}

/** The sum the chksum field must hold: every byte, with the field itself read as eight spaces. */
export function headerChecksum(block: Uint8Array): number {
  let sum = 8 * 0x20;
  for (let i = 0; i < BLOCK_SIZE; i++) if (i < 148 || i >= 156) sum += block[i];
  return sum;
}

export function isGnuMagic(block: Uint8Array): boolean {
  return latin1.decode(block.subarray(257, 265)) === 'ustar  \0';
}

/** A 512-byte header block as its fields, the unused tail included, and its checksum check. */
export function headerSpans(block: Uint8Array): { spans: AnatomySpan[]; checksum: ChecksumCheck; typeflag: string } {
  const gnu = isGnuMagic(block);
  const spans: AnatomySpan[] = FIELDS.map(({ name, start, length, meaning }) => {
    const bytes = block.subarray(start, start + length);
    let value: string;
    if (name === 'typeflag') value = TYPEFLAGS[String.fromCharCode(bytes[0])] ?? `unknown type '${rawText(bytes)}'`;
    else if (['mode', 'uid', 'gid', 'size', 'mtime', 'chksum', 'devmajor', 'devminor'].includes(name)) value = numberValue(name, bytes);
    else value = cString(bytes);
    if (gnu && name === 'magic') meaning = 'GNU tar\'s magic "ustar " + " \\0": the old GNU format, not POSIX ustar.';
    if (gnu && name === 'prefix') {
      return { start, length, kind: 'field', name: 'atime, ctime, … (GNU)', raw: rawText(bytes), value: '', meaning: 'GNU\'s format keeps access/change times and sparse data here instead of a prefix.' };
    }
    return { start, length, kind: 'field', name, raw: rawText(bytes), value, meaning };
  });
  spans.push({ start: 500, length: 12, kind: 'unused', name: 'unused', raw: rawText(block.subarray(500)), value: '', meaning: 'Not part of any field: zeros to fill the block to 512 bytes.' });
  const stored = parseNumeric(block.subarray(148, 156));
  const computed = headerChecksum(block);
  return {
    spans,
    checksum: { computed, stored: stored.ok ? safeNumber(stored.value) ?? null : null, ok: stored.ok && stored.value === BigInt(computed) },
    typeflag: String.fromCharCode(block[156]),
  };
}

/** Why a writer put `key` in a PAX record instead of the ustar field, judged from its value. */
export function paxWhy(key: string, value: Uint8Array): string {
  const nonAscii = value.some((b) => b === 0 || b >= 0x80);
  const text = utf8.decode(value);
  switch (key) {
    case 'path':
      return nonAscii ? 'the path is not ASCII, which ustar\'s name field cannot hold faithfully' : `the path is ${value.length} bytes: more than the 100-byte name field, and no "/" splits it into prefix (155) + name (100)`;
    case 'linkpath':
      return nonAscii ? 'the link target is not ASCII' : `the link target is ${value.length} bytes: more than the 100-byte linkname field`;
    case 'size':
      return `the size ${text} is more than 11 octal digits hold (8 GiB − 1)`;
    case 'uid':
    case 'gid':
      return `${key} ${text} is more than 7 octal digits hold (2 097 151)`;
    case 'mtime':
      return text.includes('.') ? 'the time has a fraction of a second, which ustar\'s whole seconds cannot hold' : 'the time does not fit 11 octal digits';
    case 'atime':
    case 'ctime':
      return `ustar has no ${key === 'atime' ? 'access' : 'change'} time field`;
    case 'uname':
    case 'gname':
      return `the name is not ASCII or longer than the 32-byte ${key} field`;
    default:
      if (key.startsWith('SCHILY.xattr.')) return 'an extended attribute, which ustar has no field for';
      if (key.startsWith('GNU.sparse.')) return 'the map of a sparse file';
      return 'a PAX keyword with no ustar field';
  }
}

/**
 * The records of a PAX body ("%d %s=%s\n", the length counting itself) as spans relative to the
 * body's start, with their key, value and why. A record that does not parse ends the list with a
 * span saying so; trailing NULs are padding.
 */
export function paxRecordSpans(body: Uint8Array): AnatomySpan[] {
  const spans: AnatomySpan[] = [];
  let at = 0;
  while (at < body.length) {
    if (body[at] === 0) {
      spans.push({ start: at, length: body.length - at, kind: 'padding', name: 'NUL padding', raw: '', value: '', meaning: 'Zeros after the last record.' });
      break;
    }
    const space = body.indexOf(0x20, at);
    const length = space > at && space - at <= 16 ? Number(latin1.decode(body.subarray(at, space))) : NaN;
    const record = Number.isInteger(length) && length > 0 && at + length <= body.length ? body.subarray(at, at + length) : undefined;
    const equals = record ? record.indexOf(0x3d) : -1;
    if (!record || equals <= space - at || record[record.length - 1] !== 0x0a) {
      spans.push({ start: at, length: body.length - at, kind: 'record', name: 'malformed record', raw: rawText(body.subarray(at, at + 60)), value: '', meaning: 'These bytes do not follow "%d %s=%s\\n"; Go\'s archive/tar would refuse the archive here.' });
      break;
    }
    const key = utf8.decode(record.subarray(space - at + 1, equals));
    const value = record.subarray(equals + 1, record.length - 1);
    spans.push({ start: at, length, kind: 'record', name: key, raw: rawText(record), value: rawText(value, 200), meaning: `${length} bytes, the length counting itself: ${paxWhy(key, value)}.` });
    at += length;
  }
  return spans;
}

/** A GNU long-name (`L`) or long-link (`K`) body: the name, NUL-terminated. */
export function longNameSpans(kind: 'L' | 'K', body: Uint8Array): AnatomySpan[] {
  const end = body.indexOf(0);
  const length = end === -1 ? body.length : end + 1;
  const what = kind === 'L' ? 'path' : 'link target';
  const spans: AnatomySpan[] = [{
    start: 0, length, kind: 'record', name: `GNU long ${kind === 'L' ? 'name' : 'link'}`, raw: rawText(body.subarray(0, length)), value: rawText(body.subarray(0, length - 1), 200),
    meaning: `The ${what} (${length - 1} bytes) is longer than ustar's 100-byte field, so GNU tar writes it as the body of a ././@LongLink entry.`,
  }];
  if (length < body.length) spans.push({ start: length, length: body.length - length, kind: 'padding', name: 'NUL padding', raw: '', value: '', meaning: 'Zeros after the name.' });
  return spans;
}
