// GNU sparse files, read as Go's archive/tar reads them: the old GNU `S` header map (with
// extension blocks), PAX 0.0/0.1 maps in `GNU.sparse.*` records and the PAX 1.0 map at the start
// of the data. A sparse entry is a file of `realSize` bytes made of data regions and zero holes;
// the archive stores only the regions, back to back. Maps are validated as Go validates them, and
// their size is bounded before anything is kept.

import { TarError } from './errors.ts';
import { BLOCK_SIZE } from './header.ts';
import { parseDecimal, parseNumeric } from './numbers.ts';

/** One stored data region: `length` bytes that belong at `offset` in the file. */
export interface SparseRegion {
  offset: number;
  length: number;
}

export interface SparseMap {
  format: 'GNU old' | 'PAX 0.x' | 'PAX 1.0';
  regions: SparseRegion[];
  /** Bytes of the data section the map itself took (PAX 1.0 keeps it there). */
  mapBytes: number;
}

/** More regions than this is refused (Go has no limit; a real sparse file has a handful). */
export const MAX_SPARSE_REGIONS = 100_000;
const MAX_MAP_BYTES = 1024 * 1024;

type ReadBlock = () => Promise<Uint8Array>;

/** The regions of an old GNU sparse header, reading its extension blocks through `next`. */
export async function readOldGnuMap(block: Uint8Array, offset: number, next: ReadBlock): Promise<bigint[][]> {
  const regions: bigint[][] = [];
  let entries = block.subarray(386, 386 + 4 * 24);
  let extended = block[482] !== 0;
  for (;;) {
    for (let i = 0; i < entries.length / 24; i++) {
      const at = i * 24;
      if (entries[at] === 0) break;
      const start = parseNumeric(entries.subarray(at, at + 12));
      const length = parseNumeric(entries.subarray(at + 12, at + 24));
      if (!start.ok || !length.ok) {
        throw new TarError(`bad sparse map of the entry at offset ${offset}: ${start.ok ? (length as { reason: string }).reason : start.reason}`, offset);
      }
      regions.push([start.value, length.value]);
      if (regions.length > MAX_SPARSE_REGIONS) throw tooMany(offset);
    }
    if (!extended) return regions;
    const ext = await next();
    entries = ext.subarray(0, 21 * 24);
    extended = ext[504] !== 0;
  }
}

/** Go's readGNUSparsePAXHeaders: which PAX sparse version the records describe, if any. */
export function paxSparseVersion(records: ReadonlyMap<string, string>): '0.x' | '1.0' | undefined {
  const major = records.get('GNU.sparse.major') ?? '';
  const minor = records.get('GNU.sparse.minor') ?? '';
  if (major === '0' && (minor === '0' || minor === '1')) return '0.x';
  if (major === '1' && minor === '0') return '1.0';
  if (major !== '' || minor !== '') return undefined;
  return (records.get('GNU.sparse.map') ?? '') !== '' ? '0.x' : undefined;
}

/** The 0.0/0.1 map: `GNU.sparse.numblocks` pairs in `GNU.sparse.map` ("offset,length,..."). */
export function readPax0Map(records: ReadonlyMap<string, string>, offset: number): bigint[][] {
  const fail = (why: string): never => {
    throw new TarError(`bad PAX sparse map of the entry at offset ${offset}: ${why}`, offset);
  };
  const count = parseDecimal(records.get('GNU.sparse.numblocks') ?? '');
  if (count === undefined || count < 0n) fail('GNU.sparse.numblocks is not a count');
  const text = records.get('GNU.sparse.map') ?? '';
  const fields = text === '' ? [] : text.split(',');
  if (BigInt(fields.length) !== 2n * count!) fail(`GNU.sparse.numblocks says ${count} regions, the map has ${fields.length} numbers`);
  if (fields.length / 2 > MAX_SPARSE_REGIONS) throw tooMany(offset);
  return pairs(fields, fail);
}

/**
 * The 1.0 map at the start of the data: a count and then offset/length pairs, one decimal number
 * per line, padded to whole blocks. `next` reads the next data block (fewer bytes at the end).
 */
export async function readPax1Map(offset: number, next: ReadBlock): Promise<{ regions: bigint[][]; mapBytes: number }> {
  const fail = (why: string): never => {
    throw new TarError(`bad PAX 1.0 sparse map of the entry at offset ${offset}: ${why}`, offset);
  };
  const decoder = new TextDecoder();
  let text = '';
  let newlines = 0;
  let mapBytes = 0;
  const feed = async (needed: bigint): Promise<void> => {
    while (BigInt(newlines) < needed) {
      if (mapBytes >= MAX_MAP_BYTES) fail(`map larger than ${MAX_MAP_BYTES} bytes`);
      const block = await next();
      if (block.length < BLOCK_SIZE) {
        throw new TarError(`unexpected end of archive inside the PAX 1.0 sparse map of the entry at offset ${offset}`, offset);
      }
      mapBytes += BLOCK_SIZE;
      const chunk = decoder.decode(block, { stream: true });
      for (let i = 0; i < chunk.length; i++) if (chunk.charCodeAt(i) === 0x0a) newlines++;
      text += chunk;
    }
  };
  await feed(1n);
  const first = text.indexOf('\n');
  const count = parseDecimal(text.slice(0, first));
  if (count === undefined || count < 0n) fail(`region count ${JSON.stringify(text.slice(0, Math.min(first, 40)))} is not a count`);
  if (count! > BigInt(MAX_SPARSE_REGIONS)) throw tooMany(offset);
  await feed(1n + 2n * count!);
  const fields = text.slice(first + 1).split('\n').slice(0, 2 * Number(count));
  return { regions: pairs(fields, fail), mapBytes };
}

function pairs(fields: string[], fail: (why: string) => never): bigint[][] {
  const out: bigint[][] = [];
  for (let i = 0; i + 1 < fields.length; i += 2) {
    const start = parseDecimal(fields[i]);
    const length = parseDecimal(fields[i + 1]);
    if (start === undefined || length === undefined) fail(`${JSON.stringify(`${fields[i]},${fields[i + 1]}`.slice(0, 60))} is not an offset and a length`);
    out.push([start!, length!]);
  }
  return out;
}

/**
 * Go's validateSparseEntries: regions in order, not overlapping, inside the file. Returns the
 * regions as numbers, or why they are refused.
 */
export function checkRegions(regions: bigint[][], realSize: bigint): SparseRegion[] | string {
  if (realSize < 0n) return `real size ${realSize} is negative`;
  let end = 0n;
  const out: SparseRegion[] = [];
  for (const [start, length] of regions) {
    if (start < 0n || length < 0n) return `region ${start}+${length} is negative`;
    if (start + length > realSize) return `region ${start}+${length} runs past the real size ${realSize}`;
    if (start < end) return `region ${start}+${length} overlaps the one before or is out of order`;
    end = start + length;
    out.push({ offset: Number(start), length: Number(length) });
  }
  return out;
}

function tooMany(offset: number): TarError {
  return new TarError(`sparse map of the entry at offset ${offset} has more than ${MAX_SPARSE_REGIONS} regions`, offset);
}

const ZEROS = new Uint8Array(1024 * 1024);

/** The file's content from its stored regions: `stored` is a Blob of the regions back to back. */
export function sparseContent(stored: Blob, regions: SparseRegion[], realSize: number): Blob {
  const parts: Blob[] = [];
  let pos = 0;
  let dense = 0;
  const hole = (to: number): void => {
    for (; pos < to; pos = Math.min(to, pos + ZEROS.length)) parts.push(new Blob([ZEROS.subarray(0, Math.min(to - pos, ZEROS.length))]));
  };
  for (const { offset, length } of regions) {
    hole(offset);
    parts.push(stored.slice(dense, dense + length));
    dense += length;
    pos = offset + length;
  }
  hole(realSize);
  return new Blob(parts);
}

/** The same in memory, for bodies read from a stream. */
export function sparseBytes(stored: Uint8Array, regions: SparseRegion[], realSize: number): Uint8Array<ArrayBuffer> {
  const out = new Uint8Array(realSize);
  let dense = 0;
  for (const { offset, length } of regions) {
    out.set(stored.subarray(dense, dense + length), offset);
    dense += length;
  }
  return out;
}
