// Hand-made tar bytes for reader tests: valid headers that tests then bend in exactly one way.

import { BLOCK_SIZE, concat, encodeUstarHeader } from '../core/tar/header.ts';
import { encodePaxRecords } from '../core/tar/pax.ts';

const utf8 = new TextEncoder();

export interface CraftHeader {
  name: string | Uint8Array;
  type?: string;
  size?: number;
  mode?: number;
  uid?: number;
  linkname?: string;
  /** 'gnu' writes the `ustar  \0` magic, 'v7' none */
  format?: 'ustar' | 'gnu' | 'v7';
  /** raw bytes to put at header offsets, e.g. { 124: bytes } for the size field */
  raw?: Record<number, Uint8Array | string>;
  /** leave the checksum as computed before `raw` was applied */
  badChecksum?: boolean;
}

export function header(h: CraftHeader): Uint8Array<ArrayBuffer> {
  const block = encodeUstarHeader({
    name: '', prefix: '', linkname: h.linkname ?? '', uname: '', gname: '',
    typeflag: h.type ?? '0', mode: h.mode ?? 0o644, uid: h.uid ?? 0, gid: 0,
    size: h.size ?? 0, mtime: 1_700_000_000, devmajor: 0, devminor: 0,
  });
  block.set(typeof h.name === 'string' ? utf8.encode(h.name) : h.name, 0);
  if (h.format === 'gnu') block.set(utf8.encode('ustar  \0'), 257);
  if (h.format === 'v7') block.fill(0, 257, 500);
  for (const [at, value] of Object.entries(h.raw ?? {})) {
    block.set(typeof value === 'string' ? utf8.encode(value) : value, Number(at));
  }
  if (!h.badChecksum) setChecksum(block);
  return block;
}

export function setChecksum(block: Uint8Array): void {
  block.fill(0x20, 148, 156);
  let sum = 0;
  for (const b of block) sum += b;
  block.set(utf8.encode(sum.toString(8).padStart(6, '0') + '\0 '), 148);
}

/** Data padded to whole blocks. */
export function body(content: string | Uint8Array): Uint8Array {
  const bytes = typeof content === 'string' ? utf8.encode(content) : content;
  const padded = new Uint8Array(Math.ceil(bytes.length / BLOCK_SIZE) * BLOCK_SIZE);
  padded.set(bytes);
  return padded;
}

/** A PAX header (`x` or `g`) plus its records. `records` may be raw text for malformed cases. */
export function pax(records: Record<string, string> | string, type: 'x' | 'g' = 'x'): Uint8Array {
  const data = typeof records === 'string'
    ? utf8.encode(records)
    : encodePaxRecords(Object.entries(records).map(([k, v]) => [k, utf8.encode(v)]));
  return concat(header({ name: 'PaxHeaders/x', type, size: data.length }), body(data));
}

/** A file entry: header + data. */
export function file(name: string, content: string, extra: Partial<CraftHeader> = {}): Uint8Array {
  const data = utf8.encode(content);
  return concat(header({ name, size: data.length, ...extra }), body(data));
}

/** Concatenates parts and appends the two end-of-archive zero blocks. */
export function archive(...parts: Uint8Array[]): Uint8Array<ArrayBuffer> {
  return concat(...parts, new Uint8Array(2 * BLOCK_SIZE));
}
