// The tar reader: one header parser over a Blob (random access: headers read with slice(), bodies
// never read unless asked) or a stream (bodies skipped unless asked). Yields each real entry as
// the FsEntry model with its offsets and warnings. Choices for hostile or odd input:
// - Errors (TarError with offset) stop the walk; entries yielded before stay valid. A Blob source
//   checks that an entry's data is complete before yielding it; a stream cannot look ahead, so
//   it yields the entry and then throws when its data turns out to be cut.
// - Problems with one entry (bare `.wh.` names, sparse files, unknown types, too deep paths) skip
//   that entry and go to `onWarning`; problems that keep the entry go to its `warnings`.
// - A lone zero block followed by data ends the archive, as GNU tar does, with a warning that
//   more data follows (Go's archive/tar, used by containerd, fails there instead).
// - Missing end-of-archive blocks are tolerated; an empty input is an empty archive.
// - Header-only types (links, dirs, devices, fifos) carry no data whatever their size field says,
//   as in Go's archive/tar.

import type { EntryType, FsEntry } from '../fs/entry.ts';
import { TarError } from './errors.ts';
import { Extensions, MAX_RECORD_BYTES, type Resolved } from './extensions.ts';
import { BLOCK_SIZE, decodeHeader, isZeroBlock, type RawHeader } from './header.ts';
import { cleanName, whiteoutOf } from './names.ts';
import { parsePaxRecords } from './pax.ts';
import { blobSource, streamSource, type ByteSource } from './source.ts';

export { TarError } from './errors.ts';

export interface TarRecord {
  entry: FsEntry;
  /** Offset of the entry's first header, including PAX / GNU long-name headers before it. */
  headerOffset: number;
  /** Offset of the entry's data (its size is entry.size). */
  dataOffset: number;
  /** The member name as stored, decoded as UTF-8 (invalid bytes become U+FFFD). */
  rawName: string;
  rawNameBytes: Uint8Array;
  /** The data, when `wantBody` asked for it and it was at most `maxBody` bytes. */
  body?: Uint8Array;
  warnings: string[];
}

export interface ReadTarOptions {
  wantBody?: (entry: FsEntry) => boolean;
  /** Largest body read into memory for `wantBody` (default 64 MiB). */
  maxBody?: number;
  /** Entries beyond this many are an error (default 1 000 000). */
  maxEntries?: number;
  /** Entries with more path segments are skipped with a warning (default 1024). */
  maxDepth?: number;
  /**
   * For a Blob source, set `entry.content` of files to a slice of the archive (default true).
   * Slices are not free: ~0.45 ms each in Chromium (the browser process registers every one),
   * ~30 µs in Node. Listing 10 000+ entries should pass false and slice on demand (sliceEntry).
   */
  sliceContent?: boolean;
  /** Warnings not attached to a yielded entry: skipped entries, archive-level oddities. */
  onWarning?: (message: string, offset: number) => void;
}

const utf8 = new TextDecoder();
const EMPTY = new Blob([]);
const HEADER_ONLY = new Set(['1', '2', '3', '4', '5', '6']);
const TYPES: Record<string, EntryType> = {
  '0': 'file', '\0': 'file', '7': 'file', '1': 'hardlink', '2': 'symlink',
  '3': 'char', '4': 'block', '5': 'dir', '6': 'fifo', D: 'dir',
};

export async function* readTar(source: Blob | AsyncIterable<Uint8Array>, opts: ReadTarOptions = {}): AsyncGenerator<TarRecord> {
  const src = source instanceof Blob ? blobSource(source) : streamSource(source);
  try {
    yield* walk(src, opts);
  } finally {
    await src.close();
  }
}

/** The data of a file entry read from the Blob `archive`, as a lazy slice of it. */
export function sliceEntry(archive: Blob, record: TarRecord): Blob {
  return archive.slice(record.dataOffset, record.dataOffset + record.entry.size);
}

async function* walk(src: ByteSource, opts: ReadTarOptions): AsyncGenerator<TarRecord> {
  const { maxEntries = 1_000_000, maxDepth = 1024, maxBody = 64 << 20, sliceContent = true } = opts;
  const warn = opts.onWarning ?? (() => {});
  const ext = new Extensions();
  const seen = new Map<string, string>();
  let count = 0;
  for (;;) {
    const offset = src.offset;
    const block = await src.read(BLOCK_SIZE);
    if (block.length < BLOCK_SIZE && ext.firstOffset !== undefined) {
      throw truncated(src.offset, `after the extended header at offset ${ext.firstOffset}, before its entry`);
    }
    if (block.length < BLOCK_SIZE && isZeroBlock(block)) return;
    if (block.length < BLOCK_SIZE) {
      const name = ext.pendingName() ?? utf8.decode(block.subarray(0, Math.min(100, block.indexOf(0) >>> 0)));
      throw truncated(src.offset, name ? `inside header of "${name}"` : `inside header at offset ${offset}`, name);
    }
    if (isZeroBlock(block)) {
      if (ext.firstOffset !== undefined) warn(`extended header at offset ${ext.firstOffset} is not followed by an entry`, ext.firstOffset);
      const next = await src.read(BLOCK_SIZE);
      if (!isZeroBlock(next)) {
        warn(`lone zero block at offset ${offset} is followed by more data; stopped reading there, as GNU tar does (other tools may read further entries)`, offset);
      }
      return;
    }
    const header = decodeHeader(block, offset);
    if ('xgLK'.includes(header.typeflag)) {
      const data = await readRecord(src, header, offset);
      if (header.typeflag === 'x' || header.typeflag === 'g') {
        ext.addPax(header.typeflag, parsePaxRecords(data, offset), offset, (m) => warn(m, offset));
      } else {
        ext.addLong(header.typeflag as 'L' | 'K', data, offset);
      }
      continue;
    }
    if (++count > maxEntries) throw new TarError(`archive has more than ${maxEntries} entries (at offset ${offset})`, offset);
    const headerOffset = ext.firstOffset ?? offset;
    const attrs = ext.resolve(header);
    if (header.typeflag === 'S') await skipSparseExtensions(src, header, offset);
    const dataOffset = src.offset;
    const dataSize = HEADER_ONLY.has(header.typeflag) ? 0 : attrs.size;
    const rawName = utf8.decode(attrs.nameBytes);
    const record = buildRecord(header, attrs, rawName, { headerOffset, dataOffset, maxDepth });
    if (typeof record === 'string') {
      if (record) warn(`${record} (entry at offset ${headerOffset}); skipped`, headerOffset);
      await skipData(src, dataSize, rawName);
      continue;
    }
    if (dataSize !== attrs.size) record.warnings.push(`size field ${attrs.size} ignored: a ${record.entry.type} has no data`);
    noteDuplicates(record, seen);
    if (src.blob && dataOffset + dataSize > src.blob.size) {
      throw truncated(src.blob.size, `inside data of "${rawName}", ${dataSize} bytes from offset ${dataOffset}`, rawName);
    }
    if (record.entry.type === 'file') {
      // Empty files (common in layers) share one empty Blob instead of paying for a slice.
      if (dataSize === 0) record.entry.content = EMPTY;
      else if (src.blob && sliceContent) record.entry.content = sliceEntry(src.blob, record);
    }
    let consumed = 0;
    if (record.entry.type === 'file' && opts.wantBody?.(record.entry)) {
      if (dataSize > maxBody) {
        record.warnings.push(`body of ${dataSize} bytes not read: over the ${maxBody}-byte limit`);
      } else {
        const body = await src.read(dataSize);
        consumed = body.length;
        if (consumed < dataSize) throw truncated(src.offset, `inside data of "${rawName}"`, rawName);
        record.body = body;
      }
    }
    yield record;
    await skipData(src, dataSize - consumed, rawName, dataSize);
  }
}

/** Turns a resolved header into a record, or returns why the entry is skipped ('' = silently). */
function buildRecord(
  header: RawHeader,
  attrs: Resolved,
  rawName: string,
  at: { headerOffset: number; dataOffset: number; maxDepth: number },
): TarRecord | string {
  const quoted = JSON.stringify(rawName);
  let type: EntryType | undefined = TYPES[header.typeflag];
  if (header.typeflag === 'S' || attrs.sparse) return `sparse file ${quoted} is not supported`;
  if (type === undefined) return `entry ${quoted} has unsupported type '${header.typeflag.replace(/[^\x20-\x7e]/g, '?')}'`;
  const clean = cleanName(rawName);
  const warnings = [...clean.warnings];
  if (rawName.includes('\uFFFD')) warnings.push(`name ${quoted} is not valid UTF-8; invalid bytes shown as U+FFFD (raw bytes kept)`);
  if (header.typeflag === '\0' && clean.trailingSlash) type = 'dir';
  let path = clean.path;
  const whiteout = whiteoutOf(path);
  if (whiteout.kind === 'invalid') return whiteout.reason;
  if (whiteout.kind !== 'none') {
    type = whiteout.kind;
    path = whiteout.path;
  } else if (path === '') {
    return type === 'dir' ? '' : `entry ${quoted} names the image root`;
  }
  if (path.split('/').length > at.maxDepth) return `entry ${quoted} is deeper than ${at.maxDepth} directories`;
  const entry: FsEntry = {
    path,
    type,
    mode: header.mode & 0o7777,
    uid: attrs.uid,
    gid: attrs.gid,
    mtime: attrs.mtime,
    size: type === 'file' ? attrs.size : 0,
  };
  if (attrs.uname) entry.uname = attrs.uname;
  if (attrs.gname) entry.gname = attrs.gname;
  if (attrs.xattrs) entry.xattrs = attrs.xattrs;
  if (type === 'char' || type === 'block') {
    entry.devmajor = header.devmajor;
    entry.devminor = header.devminor;
  }
  if (type === 'symlink') entry.linkname = utf8.decode(attrs.linkBytes);
  if (type === 'hardlink') {
    const target = cleanName(utf8.decode(attrs.linkBytes));
    entry.linkname = target.path;
    warnings.push(...target.warnings.map((w) => `hardlink target: ${w}`));
  }
  return { entry, headerOffset: at.headerOffset, dataOffset: at.dataOffset, rawName, rawNameBytes: attrs.nameBytes, warnings };
}

/** Same path twice in one layer, or two paths equal after Unicode NFC normalisation: last wins. */
function noteDuplicates(record: TarRecord, seen: Map<string, string>): void {
  const key = record.entry.type === 'opaque' ? `${record.entry.path}/.wh..wh..opq` : record.entry.path;
  const normal = /^[\x00-\x7f]*$/.test(key) ? key : key.normalize('NFC');
  const earlier = seen.get(normal);
  if (earlier === key) record.warnings.push(`duplicate path "${key}"; this later entry wins`);
  else if (earlier !== undefined) record.warnings.push(`"${key}" and "${earlier}" are the same name after Unicode normalisation; this later entry wins`);
  seen.set(normal, key);
}

async function readRecord(src: ByteSource, header: RawHeader, offset: number): Promise<Uint8Array> {
  const what = header.typeflag === 'x' || header.typeflag === 'g' ? 'PAX record' : 'GNU long name record';
  if (header.size > MAX_RECORD_BYTES) {
    throw new TarError(`${what} of ${header.size} bytes at offset ${offset} exceeds the 1 MiB limit`, offset);
  }
  const label = `the ${what} at offset ${offset}`;
  const data = await src.read(header.size);
  if (data.length < header.size) throw truncated(src.offset, `inside ${label}`);
  await skipData(src, 0, '', header.size, label);
  return data;
}

/** Old GNU sparse headers may be followed by extension blocks (flag at byte 504) before the data. */
async function skipSparseExtensions(src: ByteSource, header: RawHeader, offset: number): Promise<void> {
  let extended = header.gnuSparseExtended;
  while (extended) {
    const block = await src.read(BLOCK_SIZE);
    if (block.length < BLOCK_SIZE) throw truncated(src.offset, `inside sparse map of the entry at offset ${offset}`);
    extended = block[504] !== 0;
  }
}

/** Skips `remaining` data bytes plus the padding after a body of `total` bytes. */
async function skipData(src: ByteSource, remaining: number, name: string, total = remaining, label = `"${name}"`): Promise<void> {
  const padded = remaining + ((BLOCK_SIZE - (total % BLOCK_SIZE)) % BLOCK_SIZE);
  const skipped = await src.skip(padded);
  if (skipped < remaining) throw truncated(src.offset, `inside data of ${label}`, name);
  if (skipped < padded) throw truncated(src.offset, `inside padding after ${label}`, name);
}

function truncated(offset: number, where: string, entry?: string): TarError {
  return new TarError(`unexpected end of archive at offset ${offset} (${where})`, offset, entry);
}
