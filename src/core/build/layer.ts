// Builds one layer in a single streaming pass:
//   tar bytes -> 4 MiB pieces -> SHA-256 (diff_id)
//                             -> gzip member / zstd frame -> SHA-256 (digest) + size -> sink
// Only a few pieces are ever in memory; the whole layer never is. Each raw piece is hashed before
// it is compressed, so a compressor in another worker can take it over without a copy. The tar
// comes from entries (a new layer) or from another layer's decompressed stream (recompressing).

import { cutPieces } from '../compress/gzip-pieces.ts';
import { compressPiece } from '../compress/piece-codec.ts';
import { createSha256, iterateBlob } from '../hash/sha256.ts';
import { MediaType, type LayerCompression } from '../oci/media-types.ts';
import { memorySinkFactory } from '../store/memory.ts';
import type { BlobSinkFactory } from '../store/sink.ts';
import { tarBlob } from '../tar/write.ts';
import type { Layer } from '../image/model.ts';
import { compressPieces, tapPieces, type PieceCompressor } from './pieces.ts';
import { EPOCH, type EntriesLayer } from './spec.ts';

export interface BuildProgress {
  /** Uncompressed tar bytes compressed and written so far. */
  done: number;
  /** Size of the whole tar. */
  total: number;
}

export interface EncodeLayerOptions {
  /** How the blob is stored; gzip unless said otherwise. */
  compression?: LayerCompression;
  sink?: BlobSinkFactory;
  signal?: AbortSignal;
  onProgress?: (p: BuildProgress) => void;
  /** Compresses a piece with `compression`; defaults to compressPiece here, a worker pool can
   *  pass one that compresses elsewhere. */
  compressPiece?: PieceCompressor;
  /** Pieces compressed concurrently (useful only when compressPiece runs elsewhere). */
  parallelism?: number;
}

export interface BuildLayerOptions extends EncodeLayerOptions {
  /** The image's created time (RFC 3339); the default mtime of every entry. */
  created: string;
}

const MEDIA_TYPES: Record<LayerCompression, string> = {
  gzip: MediaType.ociLayerGzip,
  zstd: MediaType.ociLayerZstd,
  none: MediaType.ociLayer,
};

export async function buildLayer(layer: EntriesLayer, opts: BuildLayerOptions): Promise<Layer> {
  const tar = tarBlob(layer.entries, { mtime: epochSecondsOf(opts.created) });
  return encodeLayer(iterateBlob(tar), tar.size, opts);
}

/** A layer blob from a tar stream of `total` bytes (0 when not known in advance). */
export async function encodeLayer(tar: AsyncIterable<Uint8Array>, total: number, opts: EncodeLayerOptions): Promise<Layer> {
  const compression = opts.compression ?? 'gzip';
  const diffHash = await createSha256();
  const blobHash = compression === 'none' ? diffHash : await createSha256();
  const sink = (opts.sink ?? memorySinkFactory).create();
  let done = 0;
  let size = 0;
  try {
    opts.signal?.throwIfAborted();
    const raw = tapPieces(cutPieces(tar), (piece) => diffHash.update(piece));
    const compress = compression === 'none' ? undefined : (opts.compressPiece ?? ((piece: Uint8Array) => compressPiece(compression, piece)));
    const pieces = compress ? compressPieces(raw, compress, opts.parallelism) : storedPieces(raw);
    for await (const { rawSize, compressed } of pieces) {
      opts.signal?.throwIfAborted();
      if (compress) blobHash.update(compressed);
      await sink.write(compressed);
      done += rawSize;
      size += compressed.byteLength;
      opts.onProgress?.({ done, total: Math.max(total, done) });
    }
    const blob = await sink.close();
    const diffId = diffHash.digest();
    return {
      descriptor: { mediaType: MEDIA_TYPES[compression], digest: compress ? blobHash.digest() : diffId, size },
      diffId,
      tarSize: done,
      blob,
    };
  } catch (error) {
    sink.abort();
    throw error;
  }
}

async function* storedPieces(raw: AsyncIterable<Uint8Array>) {
  for await (const piece of raw) yield { rawSize: piece.byteLength, compressed: piece };
}

/** The RFC 3339 profile Go's time.RFC3339 parser accepts (containerd and docker parse `created`). */
const RFC3339 = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}(?:\.\d+)?(?:Z|[+-]\d{2}:\d{2})$/;

/** Whole seconds since the epoch of an RFC 3339 time, for tar mtimes. */
export function epochSecondsOf(created: string = EPOCH): number {
  const ms = Date.parse(created);
  if (!RFC3339.test(created) || Number.isNaN(ms)) {
    throw new RangeError(`created: "${created}" is not an RFC 3339 time such as 1970-01-01T00:00:00Z`);
  }
  return Math.floor(ms / 1000);
}
