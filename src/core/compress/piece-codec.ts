// The one place that says which encoder compresses a layer piece: gzip members or zstd frames,
// each a pure function of the piece, so the engine worker and every helper give the same bytes.

import { gzipPiece } from './gzip-pieces.ts';
import { zstdPiece } from './zstd-pieces.ts';

export type PieceCompression = 'gzip' | 'zstd';

export function compressPiece(compression: PieceCompression, piece: Uint8Array): Promise<Uint8Array> {
  return compression === 'zstd' ? zstdPiece(piece) : gzipPiece(piece);
}
