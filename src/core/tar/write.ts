// The layer tar writer. The result is a Blob composed of small header arrays, the entries' own
// content Blobs and zero padding, so building it copies no file content and costs almost nothing;
// bytes are produced only when someone streams it. Output is ustar, with a PAX `x` record only for
// values ustar cannot hold, and is fully determined by the entries and `opts.mtime`.

import type { EntryType, FsEntry } from '../fs/entry.ts';
import { TarError } from './errors.ts';
import { BLOCK_SIZE, concat, encodeUstarHeader, type UstarFields } from './header.ts';
import { octalLimit } from './numbers.ts';
import { compareUtf8, isCleanPath, normalizeEntries, tarPathOf } from './order.ts';
import { encodePaxRecords } from './pax.ts';

export { normalizeEntries } from './order.ts';

export interface TarWriteOptions {
  /** Seconds since the epoch for entries without their own mtime (the image's `created`). */
  mtime: number;
}

const ZEROS: Uint8Array<ArrayBuffer> = new Uint8Array(2 * BLOCK_SIZE);
const utf8 = new TextEncoder();

const TYPEFLAGS: Record<EntryType, string> = {
  file: '0',
  hardlink: '1',
  symlink: '2',
  char: '3',
  block: '4',
  dir: '5',
  fifo: '6',
  whiteout: '0',
  opaque: '0',
};

export function tarBlob(entries: FsEntry[], opts: TarWriteOptions): Blob {
  return new Blob(tarParts(entries, opts));
}

/**
 * The same archive as a list of parts (header arrays, content Blobs, padding), for consumers that
 * stream it themselves. Node's Blob cannot exceed 4 GiB; browsers' Blobs can.
 */
export function tarParts(entries: FsEntry[], opts: TarWriteOptions): TarPart[] {
  const parts: TarPart[] = [];
  let run: Uint8Array[] = [];
  // Adjacent headers and padding are joined into one array: far fewer parts for small files.
  const flush = (): void => {
    if (run.length > 0) parts.push(concat(...run));
    run = [];
  };
  for (const entry of normalizeEntries(entries)) {
    for (const part of entryParts(entry, opts.mtime)) {
      if (part instanceof Uint8Array) {
        run.push(part);
      } else {
        flush();
        parts.push(part);
      }
    }
  }
  run.push(ZEROS);
  flush();
  return parts;
}

export type TarPart = Uint8Array<ArrayBuffer> | Blob;

function entryParts(entry: FsEntry, defaultMtime: number): TarPart[] {
  const path = tarPathOf(entry);
  const mtime = entry.mtime ?? defaultMtime;
  checkEntry(entry, mtime);
  const content = entry.type === 'file' ? entry.content : undefined;
  const size = content?.size ?? 0;
  const linkname = entry.linkname ?? '';
  const devmajor = entry.devmajor ?? 0;
  const devminor = entry.devminor ?? 0;

  const pax: Array<[string, Uint8Array]> = [];
  const needs = (key: string, value: string | Uint8Array): void => {
    pax.push([key, typeof value === 'string' ? utf8.encode(value) : value]);
  };
  const split = splitUstarPath(path);
  if (!split) needs('path', path);
  const linkFits = isAscii(linkname) && linkname.length <= 100;
  if (!linkFits) needs('linkpath', linkname);
  const fits = (value: number, width: number): boolean => value >= 0 && value <= octalLimit(width);
  if (!fits(size, 12)) needs('size', String(size));
  if (!fits(entry.uid, 8)) needs('uid', String(entry.uid));
  if (!fits(entry.gid, 8)) needs('gid', String(entry.gid));
  if (!fits(mtime, 12)) needs('mtime', String(mtime));
  const nameFits = (name: string | undefined): boolean => name === undefined || (isAscii(name) && name.length <= 31);
  if (!nameFits(entry.uname)) needs('uname', entry.uname!);
  if (!nameFits(entry.gname)) needs('gname', entry.gname!);
  for (const [key, value] of Object.entries(entry.xattrs ?? {})) needs(`SCHILY.xattr.${key}`, value);

  const header = encodeUstarHeader({
    name: split?.name ?? asciiFallback(path, 100),
    prefix: split?.prefix ?? '',
    linkname: linkFits ? linkname : asciiFallback(linkname, 100),
    uname: nameFits(entry.uname) ? entry.uname ?? '' : '',
    gname: nameFits(entry.gname) ? entry.gname ?? '' : '',
    typeflag: TYPEFLAGS[entry.type],
    mode: entry.mode,
    uid: fits(entry.uid, 8) ? entry.uid : 0,
    gid: fits(entry.gid, 8) ? entry.gid : 0,
    size: fits(size, 12) ? size : 0,
    mtime: fits(mtime, 12) ? mtime : 0,
    devmajor,
    devminor,
  });
  const parts: TarPart[] = [];
  if (pax.length > 0) parts.push(...paxParts(path, fits(mtime, 12) ? mtime : 0, pax));
  parts.push(header);
  if (content && size > 0) parts.push(content, padding(size));
  return parts;
}

/** Refuses what cannot be written faithfully, naming the entry. */
function checkEntry(entry: FsEntry, mtime: number): void {
  const fail = (what: string): never => {
    throw new TarError(`cannot write "${entry.path}": ${what}`, -1, entry.path);
  };
  const contentSize = entry.type === 'file' ? entry.content?.size ?? 0 : 0;
  if (entry.size !== contentSize) fail(`size is ${entry.size} but its content has ${contentSize} bytes`);
  if (!Number.isInteger(entry.mode) || entry.mode < 0 || entry.mode > 0o7777) fail(`mode ${entry.mode} is not within 0o7777`);
  for (const [name, value] of [['uid', entry.uid], ['gid', entry.gid]] as const) {
    if (!Number.isSafeInteger(value) || value < 0) fail(`${name} ${value} is not a non-negative integer`);
  }
  if (!Number.isSafeInteger(mtime)) fail(`mtime ${mtime} is not an integer`);
  const isLink = entry.type === 'symlink' || entry.type === 'hardlink';
  if (isLink && !entry.linkname) fail(`${entry.type} has no target`);
  if (!isLink && entry.linkname) fail(`a ${entry.type} cannot have a link target`);
  if (entry.type === 'hardlink' && !isCleanPath(entry.linkname!)) fail(`hardlink target "${entry.linkname}" is not a normalised image path`);
  for (const device of [entry.devmajor ?? 0, entry.devminor ?? 0]) {
    if (!Number.isInteger(device) || device < 0 || device > octalLimit(8)) fail(`device number ${device} does not fit ustar`);
  }
  for (const key of Object.keys(entry.xattrs ?? {})) {
    if (key === '' || /[=\0\n]/.test(key)) fail(`extended attribute name ${JSON.stringify(key)} cannot be stored in PAX`);
  }
}

function paxParts(path: string, mtime: number, records: Array<[string, Uint8Array]>): TarPart[] {
  records.sort(([a], [b]) => compareUtf8(a, b));
  const body = encodePaxRecords(records);
  const base = path.replace(/\/$/, '').split('/').pop()!;
  const fields: UstarFields = {
    name: asciiFallback(`PaxHeaders/${base}`, 100),
    prefix: '',
    linkname: '',
    uname: '',
    gname: '',
    typeflag: 'x',
    mode: 0o644,
    uid: 0,
    gid: 0,
    size: body.length,
    mtime,
    devmajor: 0,
    devminor: 0,
  };
  return [encodeUstarHeader(fields), body, padding(body.length)];
}

function padding(size: number): Uint8Array<ArrayBuffer> {
  return ZEROS.subarray(0, (BLOCK_SIZE - (size % BLOCK_SIZE)) % BLOCK_SIZE);
}

/** Splits an ASCII path into ustar prefix (<= 155) + name (<= 100), or undefined if impossible. */
function splitUstarPath(path: string): { prefix: string; name: string } | undefined {
  if (!isAscii(path)) return undefined;
  if (path.length <= 100) return { prefix: '', name: path };
  // The longest prefix leaves the shortest name; if even that name is too long, nothing fits.
  const slash = path.lastIndexOf('/', Math.min(155, path.length - 2));
  if (slash <= 0 || path.length - slash - 1 > 100) return undefined;
  return { prefix: path.slice(0, slash), name: path.slice(slash + 1) };
}

function isAscii(text: string): boolean {
  return /^[\x01-\x7f]*$/.test(text);
}

/** What a reader without PAX support sees: non-ASCII replaced by `_`, cut to the field width. */
function asciiFallback(text: string, width: number): string {
  return Array.from(text, (c) => (isAscii(c) ? c : '_')).join('').slice(0, width);
}
