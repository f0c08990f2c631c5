// A minimal deterministic zip writer for files that are already compressed: every entry STORED,
// dated 1980-01-01 00:00 (the DOS epoch), mode 0644, in the order given. The archive is a Blob
// composed of header bytes and the files' own Blobs, so no file content is copied; only the
// CRC-32 is computed, by streaming each file once.
//
// No Zip64: an archive whose files or offsets reach 4 GiB, or with 65 535+ entries, is refused by
// planZip before any CRC is computed, with a ZipTooLargeError that points to the image tar (which
// has no such limit). Layer blobs that large are rare, and a refusal is simpler to get right than
// Zip64 records no test here could exercise with real multi-gigabyte data.

import { crc32OfBlob } from '../../hash/crc32.ts';

export interface ZipFile {
  path: string;
  blob: Blob;
}

export class ZipTooLargeError extends Error {
  override name = 'ZipTooLargeError';
}

const LIMIT_32 = 0xffffffff;
const LIMIT_16 = 0xffff;
const LOCAL_HEADER = 30;
const CENTRAL_HEADER = 46;
const END_RECORD = 22;
/** DOS date for 1980-01-01: (year-1980)<<9 | month<<5 | day; DOS time 00:00:00 is 0. */
const DOS_DATE = (0 << 9) | (1 << 5) | 1;
const DOS_TIME = 0;
/** "Made by" Unix (3), spec version 2.0, so external attributes carry a Unix mode. */
const MADE_BY = (3 << 8) | 20;
const VERSION_NEEDED = 10;
const REGULAR_FILE_0644 = (0o100644 << 16) >>> 0;

const utf8 = new TextEncoder();

export interface ZipPlanEntry {
  name: Uint8Array;
  size: number;
  offset: number;
}

export interface ZipPlan {
  entries: ZipPlanEntry[];
  centralOffset: number;
  centralSize: number;
  totalSize: number;
}

/** Lays out the archive from names and sizes alone; throws ZipTooLargeError past zip32 limits. */
export function planZip(files: ReadonlyArray<{ path: string; size: number }>): ZipPlan {
  const tooLarge = (what: string) =>
    new ZipTooLargeError(
      `The OCI layout .zip cannot hold this image: ${what}, past the 4 GiB / 65 535-entry limits of zip ` +
        `without Zip64. Download the image tar instead; it has no such limit.`,
    );
  if (files.length >= LIMIT_16) throw tooLarge(`it would have ${files.length} entries`);
  const entries: ZipPlanEntry[] = [];
  let offset = 0;
  let centralSize = 0;
  for (const file of files) {
    if (file.size >= LIMIT_32) throw tooLarge(`${file.path} is ${file.size} bytes`);
    if (offset >= LIMIT_32) throw tooLarge(`${file.path} would start at byte ${offset}`);
    const name = utf8.encode(file.path);
    entries.push({ name, size: file.size, offset });
    offset += LOCAL_HEADER + name.byteLength + file.size;
    centralSize += CENTRAL_HEADER + name.byteLength;
  }
  if (offset + centralSize >= LIMIT_32) throw tooLarge(`the archive would be ${offset + centralSize + END_RECORD} bytes`);
  return { entries, centralOffset: offset, centralSize, totalSize: offset + centralSize + END_RECORD };
}

export interface ZipWriteOptions {
  /** Bytes checksummed so far of all files' bytes (the only slow part: CRC-32 of each blob). */
  onProgress?: (p: { done: number; total: number }) => void;
  signal?: AbortSignal;
}

export async function writeStoredZip(files: ReadonlyArray<ZipFile>, opts: ZipWriteOptions = {}): Promise<Blob> {
  const plan = planZip(files.map((file) => ({ path: file.path, size: file.blob.size })));
  const total = files.reduce((sum, file) => sum + file.blob.size, 0);
  let done = 0;
  const parts: BlobPart[] = [];
  const central: Uint8Array<ArrayBuffer>[] = [];
  for (const [i, file] of files.entries()) {
    opts.signal?.throwIfAborted();
    const entry = plan.entries[i];
    const before = done;
    const crc = await crc32OfBlob(file.blob, (fileDone) => {
      opts.signal?.throwIfAborted();
      done = before + fileDone;
      opts.onProgress?.({ done, total });
    });
    parts.push(localHeader(entry, crc), file.blob);
    central.push(centralHeader(entry, crc));
  }
  parts.push(...central, endRecord(files.length, plan.centralSize, plan.centralOffset));
  return new Blob(parts);
}

function localHeader(entry: ZipPlanEntry, crc: number): Uint8Array<ArrayBuffer> {
  const out = new Uint8Array(LOCAL_HEADER + entry.name.byteLength);
  const v = new DataView(out.buffer);
  v.setUint32(0, 0x04034b50, true);
  v.setUint16(4, VERSION_NEEDED, true);
  v.setUint16(6, 0, true); // flags
  v.setUint16(8, 0, true); // method: stored
  v.setUint16(10, DOS_TIME, true);
  v.setUint16(12, DOS_DATE, true);
  v.setUint32(14, crc, true);
  v.setUint32(18, entry.size, true);
  v.setUint32(22, entry.size, true);
  v.setUint16(26, entry.name.byteLength, true);
  v.setUint16(28, 0, true); // extra length
  out.set(entry.name, LOCAL_HEADER);
  return out;
}

function centralHeader(entry: ZipPlanEntry, crc: number): Uint8Array<ArrayBuffer> {
  const out = new Uint8Array(CENTRAL_HEADER + entry.name.byteLength);
  const v = new DataView(out.buffer);
  v.setUint32(0, 0x02014b50, true);
  v.setUint16(4, MADE_BY, true);
  v.setUint16(6, VERSION_NEEDED, true);
  v.setUint16(8, 0, true);
  v.setUint16(10, 0, true);
  v.setUint16(12, DOS_TIME, true);
  v.setUint16(14, DOS_DATE, true);
  v.setUint32(16, crc, true);
  v.setUint32(20, entry.size, true);
  v.setUint32(24, entry.size, true);
  v.setUint16(28, entry.name.byteLength, true);
  // extra length, comment length, disk number, internal attributes: all 0
  v.setUint32(38, REGULAR_FILE_0644, true);
  v.setUint32(42, entry.offset, true);
  out.set(entry.name, CENTRAL_HEADER);
  return out;
}

function endRecord(count: number, centralSize: number, centralOffset: number): Uint8Array<ArrayBuffer> {
  const out = new Uint8Array(END_RECORD);
  const v = new DataView(out.buffer);
  v.setUint32(0, 0x06054b50, true);
  v.setUint16(8, count, true);
  v.setUint16(10, count, true);
  v.setUint32(12, centralSize, true);
  v.setUint32(16, centralOffset, true);
  return out;
}
