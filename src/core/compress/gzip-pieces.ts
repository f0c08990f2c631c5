// Layer compression as a sequence of fixed 4 MiB pieces of the tar stream, each compressed to its
// own gzip member. Concatenated members are one valid gzip stream (RFC 1952 §2.2) that Go,
// containerd, zlib and GNU gzip read. Because the cut points depend only on the piece size, the
// compressed bytes (and so the layer digest) are the same however many workers compress pieces.
// Pieces that look incompressible (random or already compressed) are stored, not deflated.

import { gzipSync } from 'fflate';
import { looksIncompressible } from './incompressible.ts';

/** Fixed piece size; changing it changes every layer digest Layerpad produces. */
export const GZIP_PIECE_SIZE = 4 * 1024 * 1024;

/** Pinned so output is identical everywhere; level 6 is zlib's default trade-off. */
export const GZIP_LEVEL = 6;

/**
 * One gzip member: level 6 (level 0, stored blocks, for incompressible pieces), mtime 0, no file
 * name (fflate stamps the current time otherwise).
 */
export function gzipPiece(bytes: Uint8Array): Uint8Array {
  return gzipSync(bytes, { level: looksIncompressible(bytes) ? 0 : GZIP_LEVEL, mtime: 0 });
}

/**
 * Re-cuts a byte stream into pieces of exactly `size` bytes (the last may be shorter). Always
 * yields at least one piece, so an empty input still compresses to a valid gzip member.
 */
export async function* cutPieces(
  src: AsyncIterable<Uint8Array>,
  size: number = GZIP_PIECE_SIZE,
): AsyncGenerator<Uint8Array> {
  let piece = new Uint8Array(size);
  let filled = 0;
  let yielded = false;
  for await (const chunk of src) {
    let at = 0;
    while (at < chunk.byteLength) {
      const take = Math.min(size - filled, chunk.byteLength - at);
      piece.set(chunk.subarray(at, at + take), filled);
      filled += take;
      at += take;
      if (filled === size) {
        yield piece;
        yielded = true;
        piece = new Uint8Array(size);
        filled = 0;
      }
    }
  }
  if (filled > 0 || !yielded) yield piece.subarray(0, filled);
}
