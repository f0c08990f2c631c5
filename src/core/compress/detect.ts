// Compression is recognised from magic bytes, never trusted from a media type or file name.

export type Compression = 'gzip' | 'zstd' | 'none';

/** Enough leading bytes for every magic we know. */
export const MAGIC_LENGTH = 4;

export function detectCompression(first: Uint8Array): Compression {
  if (first.byteLength >= 2 && first[0] === 0x1f && first[1] === 0x8b) return 'gzip';
  if (
    first.byteLength >= 4 &&
    first[0] === 0x28 &&
    first[1] === 0xb5 &&
    first[2] === 0x2f &&
    first[3] === 0xfd
  ) {
    return 'zstd';
  }
  return 'none';
}
