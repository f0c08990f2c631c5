// Recognising an image archive's container from its first bytes, never from its file name:
// zip by its signature, tar by a valid header checksum. Compressed tars and other files get a
// message saying what they are and what to do instead.

import { decodeHeader, isZeroBlock, BLOCK_SIZE } from '../tar/header.ts';
import { detectCompression } from '../compress/detect.ts';
import { ArchiveError } from './archive.ts';

export type DetectedArchive = 'tar' | 'zip';

export async function detectArchive(file: Blob, name = 'the file'): Promise<DetectedArchive> {
  if (file.size === 0) throw new ArchiveError(`${name} is empty: not an image archive`);
  const head = new Uint8Array(await file.slice(0, BLOCK_SIZE).arrayBuffer());
  if (head[0] === 0x50 && head[1] === 0x4b && ((head[2] === 3 && head[3] === 4) || (head[2] === 5 && head[3] === 6))) return 'zip';
  const compression = detectCompression(head);
  if (compression !== 'none') {
    throw new ArchiveError(
      `${name} is ${compression}-compressed (a .tar.${compression === 'gzip' ? 'gz' : 'zst'}?); Layerpad reads uncompressed archives only, so decompress it first (e.g. \`${compression === 'gzip' ? 'gunzip' : 'unzstd'}\`) and open the .tar`,
    );
  }
  if (head.length === BLOCK_SIZE) {
    if (isZeroBlock(head)) return 'tar'; // an empty tar: nothing but end-of-archive blocks
    try {
      decodeHeader(head, 0);
      return 'tar';
    } catch {
      // fall through: not a tar header
    }
  }
  throw new ArchiveError(`${name} is not an image archive: neither a tar (no valid header at offset 0) nor a zip`);
}
