// Reading a zip's end record and central directory from slices of the file (never the whole
// file). Everything claimed by the end record is checked against the file's real size before it
// is believed; entry-level trouble (unsafe names, overlaps, unsupported methods) is recorded on
// the entry so the rest of the archive stays usable.

import { ArchiveError, safeArchiveName } from '../archive.ts';
import { error, type ProblemSink } from '../../problem.ts';

export const MAX_ZIP_ENTRIES = 500_000;
const MAX_CENTRAL_DIRECTORY = 64 * 1024 * 1024;
const EOCD_SIZE = 22;
const CD_HEADER_SIZE = 46;
export const LOCAL_HEADER_SIZE = 30;

export interface ZipEntry {
  name: string;
  rawName: Uint8Array;
  method: number;
  flags: number;
  crc32: number;
  compressedSize: number;
  size: number;
  localOffset: number;
  symlink: boolean;
  /** Set when the entry must not be opened, with the reason. */
  broken?: string;
}

export interface ZipDirectory {
  entries: ZipEntry[];
  centralDirectoryOffset: number;
}

const METHOD_NAMES: Record<number, string> = { 1: 'shrink', 6: 'implode', 9: 'deflate64', 12: 'bzip2', 14: 'lzma', 93: 'zstd', 95: 'xz', 99: 'AES-encrypted' };

export async function readZipDirectory(file: Blob, problems: ProblemSink): Promise<ZipDirectory> {
  const tailStart = Math.max(0, file.size - (EOCD_SIZE + 0xffff));
  const tail = await bytesOf(file.slice(tailStart));
  const view = new DataView(tail.buffer, tail.byteOffset, tail.byteLength);
  let at = -1;
  for (let i = tail.length - EOCD_SIZE; i >= 0; i--) {
    if (view.getUint32(i, true) === 0x06054b50 && i + EOCD_SIZE + view.getUint16(i + 20, true) <= tail.length) {
      at = i;
      break;
    }
  }
  if (at < 0) throw new ArchiveError('zip: no end-of-central-directory record found (truncated or not a zip)');
  const eocdOffset = tailStart + at;
  const disk = view.getUint16(at + 4, true);
  const cdDisk = view.getUint16(at + 6, true);
  const onDisk = view.getUint16(at + 8, true);
  const total = view.getUint16(at + 10, true);
  const cdSize = view.getUint32(at + 12, true);
  const cdOffset = view.getUint32(at + 16, true);
  const zip64Locator = at >= 20 && view.getUint32(at - 20, true) === 0x07064b50;
  if (zip64Locator || total === 0xffff || cdSize === 0xffffffff || cdOffset === 0xffffffff) {
    throw new ArchiveError(`zip: Zip64 archive (end record at offset ${eocdOffset}) is not supported; export the image as a tar (docker save, oci-archive) instead`);
  }
  if (disk !== 0 || cdDisk !== 0 || onDisk !== total) {
    throw new ArchiveError(`zip: multi-disk (split) archives are not supported (end record at offset ${eocdOffset})`);
  }
  if (cdOffset + cdSize > eocdOffset) {
    throw new ArchiveError(`zip: central directory (offset ${cdOffset}, ${cdSize} bytes) runs past the end record at offset ${eocdOffset}`);
  }
  const room = Math.floor(cdSize / CD_HEADER_SIZE);
  if (total > room) {
    throw new ArchiveError(`zip: end record claims ${total} entries but the ${cdSize}-byte central directory has room for at most ${room}`);
  }
  if (total > MAX_ZIP_ENTRIES) throw new ArchiveError(`zip: ${total} entries is more than the limit of ${MAX_ZIP_ENTRIES}`);
  if (cdSize > MAX_CENTRAL_DIRECTORY) throw new ArchiveError(`zip: central directory of ${cdSize} bytes is over the ${MAX_CENTRAL_DIRECTORY}-byte limit`);

  const cd = await bytesOf(file.slice(cdOffset, cdOffset + cdSize));
  const entries = parseCentralDirectory(cd, cdOffset, total, problems);
  markOverlaps(entries, cdOffset, problems);
  return { entries, centralDirectoryOffset: cdOffset };
}

function parseCentralDirectory(cd: Uint8Array, cdOffset: number, total: number, problems: ProblemSink): ZipEntry[] {
  const view = new DataView(cd.buffer, cd.byteOffset, cd.byteLength);
  const entries: ZipEntry[] = [];
  let p = 0;
  for (let n = 0; n < total; n++) {
    const where = `zip central directory entry ${n} at offset ${cdOffset + p}`;
    if (p + CD_HEADER_SIZE > cd.length || view.getUint32(p, true) !== 0x02014b50) {
      throw new ArchiveError(`${where}: bad signature or truncated (end record claimed ${total} entries, found ${n})`);
    }
    const madeBy = view.getUint16(p + 4, true);
    const nameLen = view.getUint16(p + 28, true);
    const extraLen = view.getUint16(p + 30, true);
    const commentLen = view.getUint16(p + 32, true);
    const next = p + CD_HEADER_SIZE + nameLen + extraLen + commentLen;
    if (next > cd.length) throw new ArchiveError(`${where}: name/extra/comment run past the central directory`);
    const flags = view.getUint16(p + 8, true);
    const rawName = cd.slice(p + CD_HEADER_SIZE, p + CD_HEADER_SIZE + nameLen);
    const shown = decodeName(rawName);
    const unixMode = (view.getUint32(p + 38, true) >>> 16) & 0o170000;
    const entry: ZipEntry = {
      name: shown,
      rawName,
      method: view.getUint16(p + 10, true),
      flags,
      crc32: view.getUint32(p + 16, true),
      compressedSize: view.getUint32(p + 20, true),
      size: view.getUint32(p + 24, true),
      localOffset: view.getUint32(p + 42, true),
      symlink: madeBy >> 8 === 3 && unixMode === 0o120000,
    };
    p = next;
    if (shown.endsWith('/')) continue; // a directory: nothing to open
    const safe = safeArchiveName(shown);
    if (safe === null) {
      error(problems, `zip entry ${JSON.stringify(shown.slice(0, 200))}`, 'name is absolute or climbs out with ".." (zip slip); skipped');
      continue;
    }
    entry.name = safe;
    if (flags & 1) entry.broken = 'is encrypted; not supported';
    else if (entry.method !== 0 && entry.method !== 8) {
      entry.broken = `uses compression method ${entry.method}${METHOD_NAMES[entry.method] ? ` (${METHOD_NAMES[entry.method]})` : ''}; only stored and deflate are supported`;
    }
    if (entry.broken) error(problems, `zip entry ${safe}`, entry.broken);
    entries.push(entry);
  }
  return entries;
}

function markOverlaps(entries: ZipEntry[], cdOffset: number, problems: ProblemSink): void {
  const byOffset = [...entries].sort((a, b) => a.localOffset - b.localOffset);
  for (let i = 0; i < byOffset.length; i++) {
    const e = byOffset[i];
    const end = e.localOffset + LOCAL_HEADER_SIZE + e.rawName.length + e.compressedSize;
    const nextStart = i + 1 < byOffset.length ? byOffset[i + 1].localOffset : cdOffset;
    if (end > nextStart) {
      const other = i + 1 < byOffset.length ? `entry ${byOffset[i + 1].name} at offset ${nextStart}` : `the central directory at offset ${cdOffset}`;
      e.broken = `data (offset ${e.localOffset}, ${e.compressedSize} bytes) overlaps ${other}`;
      error(problems, `zip entry ${e.name}`, e.broken);
    }
  }
}

/** UTF-8 when valid (whatever flag bit 11 says), else bytes one-to-one so names stay distinct. */
function decodeName(raw: Uint8Array): string {
  try {
    return new TextDecoder('utf-8', { fatal: true }).decode(raw);
  } catch {
    return Array.from(raw, (b) => String.fromCharCode(b)).join('');
  }
}

export async function bytesOf(blob: Blob): Promise<Uint8Array> {
  return new Uint8Array(await blob.arrayBuffer());
}
