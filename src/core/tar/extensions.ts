// The headers that modify the next real entry, resolved with Go's archive/tar rules (the reader a
// container's layers are unpacked with), because where readers disagree a file can hide:
// - PAX `x`: applies to the next entry only; a second `x` replaces the first (it does not merge);
//   an empty value restores the ustar field; bad numbers are errors.
// - GNU `L` / `K`: long name / link target; they beat a PAX path / linkpath; an empty one is unset.
// - PAX `g`: never applied to later entries, and it discards pending `x`/`L`/`K` headers.
// Where GNU tar, bsdtar or Python's tarfile would read the same bytes differently, the entry (or
// the archive) gets a warning naming the other reading.

import { TarError } from './errors.ts';
import type { RawHeader } from './header.ts';
import { parseDecimal, parsePaxTime, safeNumber } from './numbers.ts';

/** Largest PAX / GNU long-name record we accept (Go's limit too). */
export const MAX_RECORD_BYTES = 1024 * 1024;

/** The header values of one entry after every extension was applied. */
export interface Resolved {
  nameBytes: Uint8Array;
  linkBytes: Uint8Array;
  /** Go's size: for sparse files the physical size until the sparse map replaces it. */
  size: bigint;
  uid: number;
  gid: number;
  uname: string;
  gname: string;
  mtime: number;
  xattrs?: Record<string, Uint8Array>;
  /** The PAX records that applied (decoded), for sparse detection, and their header's offset. */
  records: ReadonlyMap<string, string>;
  recordsOffset: number;
  /** Readings other tools would make of these headers, and values we could only approximate. */
  warnings: string[];
}

interface Pending<T> {
  value: T;
  offset: number;
}

const utf8 = new TextDecoder();
/** g records that GNU tar and Python apply to every later entry (comment and charset change nothing). */
const INERT_GLOBAL = new Set(['comment', 'charset', 'hdrcharset']);

export class Extensions {
  private pax?: Pending<Map<string, Uint8Array>>;
  private longName?: Pending<Uint8Array>;
  private longLink?: Pending<Uint8Array>;
  private notes: string[] = [];
  /** Offset of the first extended header waiting for an entry, if any. */
  firstOffset?: number;

  addPax(records: Map<string, Uint8Array>, offset: number): void {
    this.firstOffset ??= offset;
    if (this.pax) {
      const dropped = [...this.pax.value].filter(([k, v]) => !sameBytes(records.get(k), v)).map(([k]) => `"${k}"`);
      if (dropped.length > 0) {
        this.notes.push(`two PAX headers (offsets ${this.pax.offset} and ${offset}) for one entry: Go, GNU tar and bsdtar use only the second; Python's tarfile also applies ${list(dropped)} from the first`);
      }
    }
    this.pax = { value: records, offset };
  }

  addLong(kind: 'L' | 'K', data: Uint8Array, offset: number): void {
    this.firstOffset ??= offset;
    const end = data.indexOf(0);
    const value = end === -1 ? data : data.subarray(0, end);
    if (value.length === 0) {
      this.notes.push(`GNU long ${kind === 'L' ? 'name' : 'link target'} at offset ${offset} is empty: Go ignores it and uses the header's own; GNU tar reads an empty name (as "."), bsdtar skips the entry`);
    }
    if (kind === 'L') this.longName = { value, offset };
    else this.longLink = { value, offset };
  }

  /**
   * A `g` header: Go returns it as an entry of its own (ignoring whether its numbers parse) and
   * forgets everything pending. Returns the warnings for the archive.
   */
  addGlobal(records: Map<string, Uint8Array>, offset: number): string[] {
    const warnings: string[] = [];
    const applied = [...records].filter(([k, v]) => v.length > 0 && !INERT_GLOBAL.has(k)).map(([k]) => `"${k}"`);
    if (applied.length > 0) {
      warnings.push(`global PAX header at offset ${offset} sets ${list(applied)}: Go's archive/tar (Docker, containerd) and bsdtar ignore it, as this listing does; GNU tar and Python's tarfile apply it to every later entry`);
    }
    if (this.firstOffset !== undefined) {
      warnings.push(`extended header at offset ${this.firstOffset} is followed by a global header at offset ${offset}: Go drops it there; GNU tar, bsdtar and Python apply it to the next entry`);
    }
    this.clear();
    return warnings;
  }

  /** A name for messages about the entry being read (PAX or long name if present). */
  pendingName(): string | undefined {
    const bytes = this.longName?.value.length ? this.longName.value : this.pax?.value.get('path');
    return bytes && utf8.decode(bytes);
  }

  /** Applies pending extensions to `header` (Go's mergePAX, then long names) and clears them. */
  resolve(header: RawHeader, headerOffset: number): Resolved {
    if (this.firstOffset === undefined) return plain(header, headerOffset);
    const warnings = this.notes;
    const raw = this.pax?.value ?? new Map<string, Uint8Array>();
    const records = new Map<string, string>();
    for (const [k, v] of raw) records.set(k, utf8.decode(v));
    const set = (key: string): Uint8Array | undefined => {
      const value = raw.get(key);
      return value && value.length > 0 ? value : undefined;
    };
    let nameBytes = set('path') ?? header.nameBytes;
    let linkBytes = set('linkpath') ?? header.linknameBytes;
    const paxOffset = this.pax?.offset ?? headerOffset;
    if (this.longName && this.longName.value.length > 0) {
      if (set('path') && !sameBytes(set('path'), this.longName.value)) {
        warnings.push(`GNU long name and PAX path disagree: Go uses the long name; GNU tar uses the PAX path "${utf8.decode(set('path')!)}"; bsdtar and Python use whichever header comes first`);
      }
      nameBytes = this.longName.value;
    }
    if (this.longLink && this.longLink.value.length > 0) {
      if (set('linkpath') && !sameBytes(set('linkpath'), this.longLink.value)) {
        warnings.push(`GNU long link and PAX linkpath disagree: Go uses the long link; GNU tar uses the PAX linkpath "${utf8.decode(set('linkpath')!)}"`);
      }
      linkBytes = this.longLink.value;
    }
    const label = utf8.decode(nameBytes);
    const where = `"${label}" in the extended header at offset ${paxOffset}`;
    const number = (key: string, fallback: bigint): bigint => {
      const value = set(key);
      return value ? paxNumber(key, utf8.decode(value), where, paxOffset) : fallback;
    };
    for (const key of ['atime', 'ctime']) number(key, 0n);
    const approximate = (what: string, value: bigint): number => exactNumber(what, value, warnings);
    const xattrs: Record<string, Uint8Array> = {};
    let hasXattrs = false;
    for (const [key, value] of raw) {
      // Empty values too: Docker and containerd set xattrs from every SCHILY.xattr record.
      if (key.startsWith('SCHILY.xattr.')) {
        xattrs[key.slice('SCHILY.xattr.'.length)] = value;
        hasXattrs = true;
      }
    }
    const text = (key: string, fallback: string): string => {
      const value = set(key);
      return value ? utf8.decode(value) : fallback;
    };
    const resolved: Resolved = {
      nameBytes,
      linkBytes,
      size: number('size', header.size),
      uid: approximate('uid', number('uid', header.uid)),
      gid: approximate('gid', number('gid', header.gid)),
      mtime: approximate('mtime', number('mtime', header.mtime)),
      uname: text('uname', header.uname),
      gname: text('gname', header.gname),
      xattrs: hasXattrs ? xattrs : undefined,
      records,
      recordsOffset: paxOffset,
      warnings,
    };
    this.clear();
    return resolved;
  }

  private clear(): void {
    this.pax = undefined;
    this.longName = undefined;
    this.longLink = undefined;
    this.notes = [];
    this.firstOffset = undefined;
  }
}

const NO_RECORDS: ReadonlyMap<string, string> = new Map();

/** An entry with no extended headers: its own fields, as numbers where they are exact. */
function plain(header: RawHeader, offset: number): Resolved {
  const warnings: string[] = [];
  return {
    nameBytes: header.nameBytes, linkBytes: header.linknameBytes, size: header.size,
    uid: exactNumber('uid', header.uid, warnings), gid: exactNumber('gid', header.gid, warnings), mtime: exactNumber('mtime', header.mtime, warnings),
    uname: header.uname, gname: header.gname, records: NO_RECORDS, recordsOffset: offset, warnings,
  };
}

/** `value` as a number; Go's int64 can exceed 2^53, which is then said and rounded. */
function exactNumber(what: string, value: bigint, warnings: string[]): number {
  const n = safeNumber(value);
  if (n !== undefined) return n;
  warnings.push(`${what} ${value} is beyond 2^53 and shown rounded`);
  return Number(value);
}

function paxNumber(key: string, text: string, where: string, offset: number): bigint {
  const value = key.endsWith('time') ? parsePaxTime(text) : parseDecimal(text);
  if (value === undefined) throw new TarError(`bad PAX ${key} "${text.slice(0, 40)}" for ${where}`, offset);
  return value;
}

function sameBytes(a: Uint8Array | undefined, b: Uint8Array): boolean {
  return a !== undefined && a.length === b.length && a.every((x, i) => x === b[i]);
}

function list(items: string[]): string {
  return items.length <= 6 ? items.join(', ') : `${items.slice(0, 6).join(', ')} and ${items.length - 6} more`;
}
