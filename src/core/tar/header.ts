// The 512-byte tar header: encode a ustar header, decode ustar / GNU / star / v7 headers the way
// Go's archive/tar does, checksums.
// Field layout (POSIX.1-1988 ustar): name 0+100, mode 100+8, uid 108+8, gid 116+8, size 124+12,
// mtime 136+12, chksum 148+8, typeflag 156, linkname 157+100, magic 257+6, version 263+2,
// uname 265+32, gname 297+32, devmajor 329+8, devminor 337+8, prefix 345+155.

import { TarError } from './errors.ts';
import { parseNumeric, parseOctal, plainOctal, writeOctal } from './numbers.ts';

export const BLOCK_SIZE = 512;

const utf8 = new TextDecoder();

export interface UstarFields {
  /** ASCII strings that fit their fields; the writer checks this and falls back to PAX. */
  name: string;
  prefix: string;
  linkname: string;
  uname: string;
  gname: string;
  typeflag: string;
  mode: number;
  uid: number;
  gid: number;
  size: number;
  mtime: number;
  devmajor: number;
  devminor: number;
}

export function encodeUstarHeader(fields: UstarFields): Uint8Array<ArrayBuffer> {
  const block = new Uint8Array(BLOCK_SIZE);
  writeAscii(block, 0, 100, fields.name);
  writeOctal(block, 100, 8, fields.mode);
  writeOctal(block, 108, 8, fields.uid);
  writeOctal(block, 116, 8, fields.gid);
  writeOctal(block, 124, 12, fields.size);
  writeOctal(block, 136, 12, fields.mtime);
  block[156] = fields.typeflag.charCodeAt(0);
  writeAscii(block, 157, 100, fields.linkname);
  writeAscii(block, 257, 6, 'ustar\0');
  writeAscii(block, 263, 2, '00');
  writeAscii(block, 265, 32, fields.uname);
  writeAscii(block, 297, 32, fields.gname);
  writeOctal(block, 329, 8, fields.devmajor);
  writeOctal(block, 337, 8, fields.devminor);
  writeAscii(block, 345, 155, fields.prefix);
  // Checksum: six octal digits, NUL, space (the form GNU tar and Go write).
  const sum = unsignedSum(block);
  writeAscii(block, 148, 8, sum.toString(8).padStart(6, '0') + '\0 ');
  return block;
}

function writeAscii(block: Uint8Array, at: number, width: number, text: string): void {
  if (text.length > width) throw new RangeError(`"${text}" does not fit a ${width}-byte field`);
  for (let i = 0; i < text.length; i++) block[at + i] = text.charCodeAt(i) & 0x7f;
}

/** Sum of the header bytes with the checksum field read as eight spaces. */
function unsignedSum(block: Uint8Array): number {
  if (block.length === BLOCK_SIZE && block.byteOffset % 4 === 0) return wordSum(new Uint32Array(block.buffer, block.byteOffset, BLOCK_SIZE / 4));
  let sum = 8 * 0x20;
  for (let i = 0; i < 148; i++) sum += block[i];
  for (let i = 156; i < BLOCK_SIZE; i++) sum += block[i];
  return sum;
}

/**
 * unsignedSum four bytes at a time: alternate bytes are added in 16-bit lanes (128 words of at
 * most 255 per lane cannot overflow them), skipping words 37 and 38, the checksum field.
 */
function wordSum(words: Uint32Array): number {
  let even = 0;
  let odd = 0;
  for (let i = 0; i < words.length; i++) {
    if (i === 37) i = 39;
    const w = words[i];
    even += w & 0x00ff00ff;
    odd += (w >>> 8) & 0x00ff00ff;
  }
  return 8 * 0x20 + (even & 0xffff) + (even >>> 16) + (odd & 0xffff) + (odd >>> 16);
}

/** The same over signed bytes, as some old tars computed it. */
function signedSum(block: Uint8Array): number {
  let sum = unsignedSum(block);
  for (let i = 0; i < BLOCK_SIZE; i++) if ((i < 148 || i >= 156) && block[i] >= 0x80) sum -= 0x100;
  return sum;
}

export function isZeroBlock(block: Uint8Array): boolean {
  for (let i = 0; i < block.length; i++) if (block[i] !== 0) return false;
  return true;
}

/** `star` is ustar magic plus the `tar\0` trailer of Jörg Schilling's star (a shorter prefix). */
export type HeaderFormat = 'ustar' | 'gnu' | 'v7' | 'star';

/** A header as stored, before PAX / GNU long names are applied and before path normalisation. */
export interface RawHeader {
  format: HeaderFormat;
  /** name, or prefix + '/' + name, as raw bytes up to the first NUL */
  nameBytes: Uint8Array;
  linknameBytes: Uint8Array;
  typeflag: string;
  /** Numbers are Go's int64 values; size may be negative here (the reader decides). */
  mode: bigint;
  uid: bigint;
  gid: bigint;
  size: bigint;
  mtime: bigint;
  uname: string;
  gname: string;
  devmajor: bigint;
  devminor: bigint;
  /**
   * A GNU header whose atime/ctime bytes do not parse: read as ustar with its prefix, as Go does
   * for archives that Go before 1.8 wrote (GNU tar and bsdtar read it as GNU, without the prefix).
   */
  gnuAsUstar: boolean;
  /** The header block itself (old GNU sparse maps live in it). */
  block: Uint8Array;
}

/**
 * Decodes one non-zero header block as Go's archive/tar does (readHeader). Throws TarError on a
 * bad checksum or a malformed number.
 */
export function decodeHeader(block: Uint8Array, offset: number): RawHeader {
  const plainSum = plainOctal(block, 148, 8);
  const stored = plainSum >= 0 ? { ok: true as const, value: BigInt(plainSum) } : parseOctal(block.subarray(148, 156));
  if (!stored.ok || (stored.value !== BigInt(unsignedSum(block)) && stored.value !== BigInt(signedSum(block)))) {
    throw new TarError(`bad header checksum at offset ${offset}`, offset);
  }
  const format = formatOf(block);
  const name = cString(block, 0, 100);
  let prefix: Uint8Array = new Uint8Array(0);
  let gnuAsUstar = false;
  if (format === 'ustar') prefix = cString(block, 345, 155);
  if (format === 'star') prefix = cString(block, 345, 131);
  if (format === 'gnu' && !(timeParses(block, 345) && timeParses(block, 357))) {
    gnuAsUstar = true;
    const candidate = cString(block, 345, 155);
    if (candidate.every((b) => b < 0x80)) prefix = candidate;
  }
  const nameBytes = prefix.length > 0 ? concat(prefix, Uint8Array.of(0x2f), name) : name;
  const number = (at: number, width: number, field: string): bigint => {
    const plain = plainOctal(block, at, width);
    if (plain >= 0) return BigInt(plain);
    const result = parseNumeric(block.subarray(at, at + width));
    if (!result.ok) {
      const label = utf8.decode(nameBytes);
      throw new TarError(`bad ${field} field in header of "${label}" at offset ${offset}: ${result.reason}`, offset, label);
    }
    return result.value;
  };
  const hasOwners = format !== 'v7';
  if (format === 'star') {
    number(476, 12, 'atime');
    number(488, 12, 'ctime');
  }
  return {
    format,
    nameBytes,
    linknameBytes: cString(block, 157, 100, false),
    typeflag: String.fromCharCode(block[156]),
    size: number(124, 12, 'size'),
    mode: number(100, 8, 'mode'),
    uid: number(108, 8, 'uid'),
    gid: number(116, 8, 'gid'),
    mtime: number(136, 12, 'mtime'),
    uname: hasOwners ? utf8.decode(cString(block, 265, 32, false)) : '',
    gname: hasOwners ? utf8.decode(cString(block, 297, 32, false)) : '',
    devmajor: hasOwners ? number(329, 8, 'devmajor') : 0n,
    devminor: hasOwners ? number(337, 8, 'devminor') : 0n,
    gnuAsUstar,
    block,
  };
}

/** A GNU atime/ctime field: unset when its first byte is NUL, else it must be a number. */
function timeParses(block: Uint8Array, at: number): boolean {
  return block[at] === 0 || parseNumeric(block.subarray(at, at + 12)).ok;
}

function formatOf(block: Uint8Array): HeaderFormat {
  const is = (text: string, at: number): boolean => {
    for (let i = 0; i < text.length; i++) if (block[at + i] !== text.charCodeAt(i)) return false;
    return true;
  };
  // Go checks the 6-byte magic only: 'ustar\0' with any version is POSIX.
  if (is('ustar\0', 257)) return is('tar\0', 508) ? 'star' : 'ustar';
  if (is('ustar  \0', 257)) return 'gnu';
  return 'v7';
}

/** A NUL-terminated field; a copy unless `copy` is false (a view of `block`, for bytes decoded at once). */
function cString(block: Uint8Array, at: number, width: number, copy = true): Uint8Array {
  let end = at;
  while (end < at + width && block[end] !== 0) end++;
  return copy ? block.slice(at, end) : block.subarray(at, end);
}

export function concat(...parts: Uint8Array[]): Uint8Array<ArrayBuffer> {
  const out = new Uint8Array(parts.reduce((n, p) => n + p.length, 0));
  let at = 0;
  for (const part of parts) {
    out.set(part, at);
    at += part.length;
  }
  return out;
}
