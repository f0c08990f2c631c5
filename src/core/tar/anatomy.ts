// The anatomy of one tar entry: its header block(s) and extension records, the data blocks and the
// padding to 512, and where the archive's two zero blocks are, as regions of annotated bytes for
// the "Tar header" view. One forward pass over the tar (a layer's decompressed stream or a Blob):
// skip to the entry, keep its header bytes, the first and last data blocks, then walk the headers
// that follow to the end-of-archive blocks. Decoded independently of read.ts, with header.ts's
// field layout (anatomy-header.ts), so what is shown is the bytes, not a reader's interpretation.

import { blobSource, streamSource, type ByteSource } from './source.ts';
import { BLOCK_SIZE, isZeroBlock } from './header.ts';
import { parseNumeric, safeNumber } from './numbers.ts';
import { headerSpans, longNameSpans, paxRecordSpans, type AnatomySpan, type ChecksumCheck } from './anatomy-header.ts';

/** Where the entry is in the tar, as a listing found it. */
export interface EntryPlace {
  path: string;
  /** First header of the entry (its PAX / GNU headers included). */
  headerOffset: number;
  dataOffset: number;
  /** Bytes of data (0 for header-only types). */
  dataSize: number;
  /** Where the listed entries end; the end-of-archive blocks are looked for from here. */
  entriesEnd: number;
}

export type RegionKind = 'extension-header' | 'extension-body' | 'header' | 'data-first' | 'data-last' | 'end';

export interface AnatomyRegion {
  kind: RegionKind;
  title: string;
  /** Archive offset of the region's first byte. */
  offset: number;
  /** Bytes the region spans in the archive. */
  length: number;
  /** Its bytes (cut to the first MAX_SHOWN of a long extension body). */
  bytes: Uint8Array;
  spans: AnatomySpan[];
  checksum?: ChecksumCheck;
  note?: string;
}

export interface TarAnatomy {
  path: string;
  regions: AnatomyRegion[];
  data: { offset: number; size: number; blocks: number; padding: number };
  /** The end-of-archive blocks: where, how many zero blocks there are, and what follows them. */
  end: { offset: number; zeroBlocks: number; trailing: number; tarSize: number } | { missing: string };
  notes: string[];
}

/** Extension records are at most 1 MiB each (as the reader allows); a few of them before an entry. */
const MAX_HEADER_REGION = 4 * 1024 * 1024 + 8 * BLOCK_SIZE;
/** Bytes of a long extension body handed to the view. */
export const MAX_SHOWN = 8 * 1024;
/** Headers walked after the entry while looking for the end-of-archive blocks. */
const MAX_WALK = 2_000_000;

/** A header's size field as a byte count, or undefined when it is unreadable, negative or past 2^53. */
function sizeField(block: Uint8Array): number | undefined {
  const size = parseNumeric(block.subarray(124, 136));
  return size.ok && size.value >= 0n ? safeNumber(size.value) : undefined;
}

const padded = (n: number) => Math.ceil(n / BLOCK_SIZE) * BLOCK_SIZE;

export async function tarAnatomy(tar: Blob | AsyncIterable<Uint8Array>, place: EntryPlace): Promise<TarAnatomy> {
  const { headerOffset, dataOffset, dataSize } = place;
  if (dataOffset - headerOffset > MAX_HEADER_REGION || dataOffset - headerOffset < BLOCK_SIZE || (dataOffset - headerOffset) % BLOCK_SIZE !== 0) {
    throw new Error(`${place.path}: its headers run from offset ${headerOffset} to ${dataOffset}, which is not a whole number of blocks under ${MAX_HEADER_REGION} bytes`);
  }
  const src = tar instanceof Blob ? blobSource(tar) : streamSource(tar);
  try {
    await skipExactly(src, headerOffset, `the header of ${place.path} at offset ${headerOffset}`);
    const headers = await readExactly(src, dataOffset - headerOffset, `the headers of ${place.path}`);
    const notes: string[] = [];
    const regions = headerRegions(headers, headerOffset, notes);
    regions.push(...(await dataRegions(src, dataOffset, dataSize, place.path)));
    const end = await findEnd(src, Math.max(place.entriesEnd, dataOffset + padded(dataSize)), regions);
    return { path: place.path, regions, data: { offset: dataOffset, size: dataSize, blocks: padded(dataSize) / BLOCK_SIZE, padding: padded(dataSize) - dataSize }, end, notes };
  } finally {
    await src.close();
  }
}

const cut = (src: ByteSource, what: string) => new Error(`the tar ends at offset ${src.offset}, inside ${what}`);

async function readExactly(src: ByteSource, n: number, what: string): Promise<Uint8Array> {
  const bytes = await src.read(n);
  if (bytes.length < n) throw cut(src, what);
  return bytes;
}

async function skipExactly(src: ByteSource, n: number, what: string): Promise<void> {
  if ((await src.skip(n)) < n) throw cut(src, what);
}

/** The header blocks before the data: extension headers and their bodies, then the entry's own header. */
function headerRegions(bytes: Uint8Array, offset: number, notes: string[]): AnatomyRegion[] {
  const regions: AnatomyRegion[] = [];
  let at = 0;
  while (at < bytes.length) {
    const block = bytes.subarray(at, at + BLOCK_SIZE);
    const { spans, checksum, typeflag } = headerSpans(block);
    const extension = 'xgLK'.includes(typeflag);
    const last = at + BLOCK_SIZE >= bytes.length;
    regions.push({
      kind: extension ? 'extension-header' : 'header',
      title: extension ? `${typeflag === 'x' || typeflag === 'g' ? 'PAX' : 'GNU'} header (typeflag ${typeflag})` : 'ustar header',
      offset: offset + at, length: BLOCK_SIZE, bytes: block.slice(), spans, checksum,
    });
    if (!checksum.ok) notes.push(`the header at offset ${offset + at} has a checksum that does not match its bytes`);
    at += BLOCK_SIZE;
    if (!extension) {
      if (!last) notes.push(`${(bytes.length - at) / BLOCK_SIZE} more block(s) follow this header before the data (a GNU sparse map)`);
      break;
    }
    const bodyLength = sizeField(block) ?? 0;
    const body = bytes.subarray(at, Math.min(bytes.length, at + padded(bodyLength)));
    const content = body.subarray(0, bodyLength);
    const spans2 = typeflag === 'x' || typeflag === 'g' ? paxRecordSpans(content) : longNameSpans(typeflag as 'L' | 'K', content);
    if (body.length > bodyLength) spans2.push({ start: bodyLength, length: body.length - bodyLength, kind: 'padding', name: 'padding', raw: '', value: '', meaning: 'Zeros to the next 512-byte boundary.' });
    const shown = Math.min(body.length, MAX_SHOWN);
    regions.push({
      kind: 'extension-body',
      title: typeflag === 'x' ? 'PAX records (for this entry only)' : typeflag === 'g' ? 'PAX global records' : `GNU long ${typeflag === 'L' ? 'name' : 'link'}`,
      offset: offset + at, length: body.length, bytes: body.slice(0, shown), spans: spans2,
      ...(shown < body.length ? { note: `the first ${shown} of ${body.length} bytes are shown` } : {}),
      ...(typeflag === 'g' ? { note: 'a global header applies to every later entry; Go\'s archive/tar (Docker, containerd) does not apply it' } : {}),
    });
    at += body.length;
  }
  return regions;
}

/** The first data block and, when there are more, the last one with its padding. */
async function dataRegions(src: ByteSource, dataOffset: number, size: number, path: string): Promise<AnatomyRegion[]> {
  if (size === 0) return [];
  const regions: AnatomyRegion[] = [];
  const region = (kind: RegionKind, title: string, offset: number, bytes: Uint8Array, dataBytes: number): AnatomyRegion => {
    const spans: AnatomySpan[] = [{ start: 0, length: dataBytes, kind: 'data', name: 'data', raw: '', value: `${dataBytes} bytes of the file`, meaning: 'The file\'s own bytes, as they are (tar never compresses them).' }];
    if (bytes.length > dataBytes) spans.push({ start: dataBytes, length: bytes.length - dataBytes, kind: 'padding', name: 'padding', raw: '', value: `${bytes.length - dataBytes} zero bytes`, meaning: 'Zeros to the next 512-byte boundary: every header starts on a block.' });
    return { kind, title, offset, length: bytes.length, bytes, spans };
  };
  const lastStart = Math.floor((size - 1) / BLOCK_SIZE) * BLOCK_SIZE;
  const first = await readExactly(src, BLOCK_SIZE, `the data of ${path}`);
  regions.push(region('data-first', lastStart === 0 ? 'data (one block)' : 'first data block', dataOffset, first, Math.min(size, BLOCK_SIZE)));
  if (lastStart > 0) {
    await skipExactly(src, lastStart - BLOCK_SIZE, `the data of ${path}`);
    const last = await readExactly(src, BLOCK_SIZE, `the data of ${path}`);
    regions.push(region('data-last', `last data block (block ${lastStart / BLOCK_SIZE + 1} of ${padded(size) / BLOCK_SIZE})`, dataOffset + lastStart, last, size - lastStart));
  }
  return regions;
}

/**
 * Walks from `from` (past the entry) to the first zero block, skipping any header and its data on
 * the way (PAX sizes included), then counts the zero blocks and what follows them.
 */
async function findEnd(src: ByteSource, from: number, regions: AnatomyRegion[]): Promise<TarAnatomy['end']> {
  if (from > src.offset) await src.skip(from - src.offset);
  let paxSize: number | undefined;
  for (let walked = 0; walked < MAX_WALK; walked++) {
    const offset = src.offset;
    const block = await src.read(BLOCK_SIZE);
    if (block.length < BLOCK_SIZE) return { missing: `the tar ends at offset ${src.offset} without the two zero blocks that should end it (readers accept this)` };
    if (isZeroBlock(block)) {
      const second = await src.read(BLOCK_SIZE);
      const both = second.length === BLOCK_SIZE && isZeroBlock(second);
      const zeros = both ? 2 : 1;
      let trailing = 0;
      for (let n = await src.skip(1 << 20); n > 0; n = await src.skip(1 << 20)) trailing += n;
      if (!both) trailing += second.length;
      regions.push({
        kind: 'end', title: 'end of archive', offset, length: zeros * BLOCK_SIZE, bytes: new Uint8Array(zeros * BLOCK_SIZE),
        spans: [{ start: 0, length: zeros * BLOCK_SIZE, kind: 'zero', name: zeros === 2 ? 'two zero blocks' : 'one zero block', raw: '', value: `${zeros * BLOCK_SIZE} zero bytes`, meaning: 'Two blocks of zeros mark the end of the archive; readers stop here.' }],
        ...(trailing > 0 ? { note: `${trailing} more bytes follow (tar pads the archive to its record size: GNU tar writes 10 240-byte records)` } : {}),
      });
      return { offset, zeroBlocks: zeros, trailing, tarSize: offset + zeros * BLOCK_SIZE + trailing };
    }
    const typeflag = String.fromCharCode(block[156]);
    let bodySize = sizeField(block);
    if (bodySize === undefined) return { missing: `the header at offset ${offset} has an unreadable size, so where the archive ends cannot be found` };
    if (typeflag === 'x') {
      if (bodySize > MAX_HEADER_REGION) return { missing: `the PAX header at offset ${offset} claims ${bodySize} bytes of records, more than the ${MAX_HEADER_REGION} read here` };
      const body = await src.read(padded(bodySize));
      const match = /(?:^|\n)\d+ size=(\d+)\n/.exec(new TextDecoder('latin1').decode(body.subarray(0, bodySize)));
      paxSize = match ? Number(match[1]) : undefined;
      continue;
    }
    if (!'gLK'.includes(typeflag)) {
      if (paxSize !== undefined) bodySize = paxSize;
      if ('123456'.includes(typeflag)) bodySize = 0;
      paxSize = undefined;
    }
    await src.skip(padded(bodySize));
  }
  return { missing: `no end-of-archive blocks within ${MAX_WALK} headers` };
}
