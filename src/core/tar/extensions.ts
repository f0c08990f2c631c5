// Extended headers that modify the next real entry: PAX `x` (that entry only), PAX `g` (every
// later entry) and GNU long name `L` / long link `K`. They are collected while reading and then
// resolved against the entry's own ustar header; PAX values win over ustar fields, including
// size, as POSIX requires (a reader that ignored the PAX size would see a different archive).

import { TarError } from './errors.ts';
import type { RawHeader } from './header.ts';
import { parseDecimal, parsePaxTime } from './numbers.ts';

/** Largest PAX / GNU long-name record, and largest total of pending records, we accept. */
export const MAX_RECORD_BYTES = 1024 * 1024;

interface PaxValue {
  value: Uint8Array;
  /** offset of the header that carried it, for messages */
  offset: number;
}

/** The header values of one entry after every extension was applied. */
export interface Resolved {
  nameBytes: Uint8Array;
  linkBytes: Uint8Array;
  size: number;
  uid: number;
  gid: number;
  uname: string;
  gname: string;
  mtime: number;
  xattrs?: Record<string, Uint8Array>;
  /** PAX GNU.sparse.* keys were present */
  sparse: boolean;
}

const utf8 = new TextDecoder();

export class Extensions {
  private local = new Map<string, PaxValue>();
  private global = new Map<string, PaxValue>();
  private localBytes = 0;
  private globalBytes = 0;
  private longName?: Uint8Array;
  private longLink?: Uint8Array;
  /** Offset of the first extended header waiting for an entry, if any. */
  firstOffset?: number;

  addPax(kind: 'x' | 'g', records: Map<string, Uint8Array>, offset: number, warn: (m: string) => void): void {
    this.firstOffset ??= kind === 'x' ? offset : this.firstOffset;
    const target = kind === 'x' ? this.local : this.global;
    for (const [key, value] of records) {
      if (kind === 'g' && (key === 'path' || key === 'linkpath' || key === 'size')) {
        warn(`global PAX header at offset ${offset} sets "${key}" for every later entry; ignored`);
        continue;
      }
      target.set(key, { value, offset });
    }
    // Bound what is kept, not what passed by: later records replace earlier ones.
    let kept = 0;
    for (const [key, { value }] of target) kept += key.length + value.length;
    if (kind === 'x') this.localBytes = kept;
    else this.globalBytes = kept;
    if (this.localBytes + this.globalBytes > MAX_RECORD_BYTES) {
      throw new TarError(`extended headers up to offset ${offset} exceed the 1 MiB limit in total`, offset);
    }
  }

  addLong(kind: 'L' | 'K', data: Uint8Array, offset: number): void {
    this.firstOffset ??= offset;
    const end = data.indexOf(0);
    const value = end === -1 ? data : data.subarray(0, end);
    if (kind === 'L') this.longName = value;
    else this.longLink = value;
  }

  /** A name for messages about the entry being read (PAX or long name if present). */
  pendingName(): string | undefined {
    const bytes = this.local.get('path')?.value ?? this.longName;
    return bytes && utf8.decode(bytes);
  }

  /** Applies pending extensions to `header` and clears the per-entry ones. */
  resolve(header: RawHeader): Resolved {
    if (this.firstOffset === undefined && this.global.size === 0) {
      const { nameBytes, linknameBytes: linkBytes, size, uid, gid, mtime, uname, gname } = header;
      return { nameBytes, linkBytes, size, uid, gid, mtime, uname, gname, sparse: false };
    }
    const pax = new Map([...this.global, ...this.local]);
    // An empty value in an `x` record removes the key, so the ustar field applies again.
    for (const [key, { value }] of this.local) if (value.length === 0) pax.delete(key);
    const nameBytes = pax.get('path')?.value ?? this.longName ?? header.nameBytes;
    const label = utf8.decode(nameBytes);
    const number = (key: string, fallback: number, parse: (text: string) => number | undefined): number => {
      const found = pax.get(key);
      if (!found) return fallback;
      const text = utf8.decode(found.value);
      const value = parse(text);
      if (value === undefined) {
        throw new TarError(`bad PAX ${key} "${text.slice(0, 40)}" for "${label}" in the extended header at offset ${found.offset}`, found.offset, label);
      }
      return value;
    };
    for (const key of ['path', 'linkpath']) {
      const found = pax.get(key);
      if (found?.value.includes(0)) {
        throw new TarError(`PAX ${key} of "${label}" contains a NUL byte in the extended header at offset ${found.offset}`, found.offset, label);
      }
    }
    const xattrs: Record<string, Uint8Array> = {};
    let hasXattrs = false;
    let sparse = false;
    for (const [key, { value }] of pax) {
      if (key.startsWith('SCHILY.xattr.')) {
        xattrs[key.slice('SCHILY.xattr.'.length)] = value;
        hasXattrs = true;
      }
      if (key.startsWith('GNU.sparse.')) sparse = true;
    }
    const text = (key: string, fallback: string): string => {
      const found = pax.get(key);
      return found ? utf8.decode(found.value) : fallback;
    };
    const resolved: Resolved = {
      nameBytes,
      linkBytes: pax.get('linkpath')?.value ?? this.longLink ?? header.linknameBytes,
      size: number('size', header.size, parseDecimal),
      uid: number('uid', header.uid, parseDecimal),
      gid: number('gid', header.gid, parseDecimal),
      mtime: number('mtime', header.mtime, parsePaxTime),
      uname: text('uname', header.uname),
      gname: text('gname', header.gname),
      xattrs: hasXattrs ? xattrs : undefined,
      sparse,
    };
    this.local.clear();
    this.localBytes = 0;
    this.longName = undefined;
    this.longLink = undefined;
    this.firstOffset = undefined;
    return resolved;
  }
}
