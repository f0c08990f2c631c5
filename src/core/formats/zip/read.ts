// A zip file as ArchiveFiles: the central directory is the index; opening an entry reads its
// local header (which must agree with the directory) and returns a lazy slice for stored entries
// or the inflated bytes for deflate, CRC-checked either way (entry-data.ts). The layout's JSON
// documents are inflated under the document size limit, so a bomb stops while it inflates.

import { ArchiveError, followLinks, type ArchiveFiles } from '../archive.ts';
import { warning, type Problem } from '../../problem.ts';
import { MAX_DOCUMENT_BYTES } from '../../oci/parse-json.ts';
import { bytesOf, LOCAL_HEADER_SIZE, readZipDirectory, type ZipEntry } from './central-directory.ts';
import { inflatedData, storedData } from './entry-data.ts';

const MAX_LINK_TARGET = 4096;
/** Deflated entries are inflated into memory when opened; past this, refuse and say why. */
export const MAX_INFLATED_ENTRY = 512 * 1024 * 1024;
/** Top-level JSON documents of an OCI layout or docker save; never larger than a document may be. */
const DOCUMENTS = new Set(['index.json', 'oci-layout', 'manifest.json', 'repositories']);

export async function openZipArchive(file: Blob): Promise<ArchiveFiles> {
  const problems: Problem[] = [];
  const directory = await readZipDirectory(file, problems);
  const byName = new Map<string, ZipEntry>();
  for (const entry of directory.entries) {
    if (byName.has(entry.name)) warning(problems, `zip entry ${entry.name}`, 'appears more than once; the last one is used');
    byName.set(entry.name, entry);
  }
  return {
    kind: 'zip',
    problems,
    names: () => [...byName.keys()],
    size: (name) => {
      const entry = byName.get(name);
      return entry && !entry.symlink ? entry.size : undefined;
    },
    open: (name) =>
      followLinks(name, async (path) => {
        const entry = byName.get(path);
        if (!entry) return undefined;
        const blob = await entryData(file, entry, directory.centralDirectoryOffset);
        if (!entry.symlink) return { blob };
        if (blob.size > MAX_LINK_TARGET) throw new ArchiveError(`zip entry ${path}: symlink target of ${blob.size} bytes is too long`);
        return { link: { type: 'symlink', target: new TextDecoder().decode(await bytesOf(blob)) } };
      }),
  };
}

async function entryData(file: Blob, entry: ZipEntry, cdOffset: number): Promise<Blob> {
  const where = `zip entry ${entry.name} (local header at offset ${entry.localOffset})`;
  if (entry.broken) throw new ArchiveError(`zip entry ${entry.name}: ${entry.broken}`);
  const header = await bytesOf(file.slice(entry.localOffset, entry.localOffset + LOCAL_HEADER_SIZE));
  const view = new DataView(header.buffer, header.byteOffset, header.byteLength);
  if (header.length < LOCAL_HEADER_SIZE || view.getUint32(0, true) !== 0x04034b50) {
    throw new ArchiveError(`${where}: no local file header there`);
  }
  const nameLen = view.getUint16(26, true);
  const extraLen = view.getUint16(28, true);
  const disagree = (what: string, local: number, central: number) =>
    new ArchiveError(`${where}: central directory and local header disagree about the ${what} (${central} vs ${local})`);
  if (view.getUint16(8, true) !== entry.method) throw disagree('compression method', view.getUint16(8, true), entry.method);
  if ((view.getUint16(6, true) & 8) === 0) {
    if (view.getUint32(14, true) !== entry.crc32) throw disagree('CRC-32', view.getUint32(14, true), entry.crc32);
    if (view.getUint32(18, true) !== entry.compressedSize) throw disagree('compressed size', view.getUint32(18, true), entry.compressedSize);
    if (view.getUint32(22, true) !== entry.size) throw disagree('size', view.getUint32(22, true), entry.size);
  }
  const localName = await bytesOf(file.slice(entry.localOffset + LOCAL_HEADER_SIZE, entry.localOffset + LOCAL_HEADER_SIZE + nameLen));
  if (!sameBytes(localName, entry.rawName)) {
    throw new ArchiveError(`${where}: central directory and local header disagree about the name (${JSON.stringify(new TextDecoder().decode(localName).slice(0, 200))})`);
  }
  const start = entry.localOffset + LOCAL_HEADER_SIZE + nameLen + extraLen;
  const end = start + entry.compressedSize;
  if (end > cdOffset) throw new ArchiveError(`${where}: data runs into the central directory at offset ${cdOffset}`);
  const raw = file.slice(start, end);
  if (entry.method === 0) {
    if (entry.compressedSize !== entry.size) throw new ArchiveError(`${where}: stored entry with compressed size ${entry.compressedSize} != size ${entry.size}`);
    return storedData(raw, entry.crc32, where);
  }
  const limit = DOCUMENTS.has(entry.name) ? MAX_DOCUMENT_BYTES : MAX_INFLATED_ENTRY;
  if (entry.size > limit) {
    throw new ArchiveError(
      DOCUMENTS.has(entry.name)
        ? `${where}: declares ${entry.size} bytes, over the ${limit}-byte limit for JSON documents; not inflated`
        : `${where}: deflated entry of ${entry.size} bytes is too large to inflate in memory; zip the layout without compression (zip -0) or use the tar form`,
    );
  }
  return inflatedData(raw, entry.size, entry.crc32, where, limit);
}

function sameBytes(a: Uint8Array, b: Uint8Array): boolean {
  return a.length === b.length && a.every((v, i) => v === b[i]);
}
