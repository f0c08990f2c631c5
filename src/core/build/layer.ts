// Builds one layer in a single streaming pass:
//   tarBlob(entries).stream() -> 4 MiB pieces -> SHA-256 (diff_id)
//                                             -> gzip member -> SHA-256 (digest) + size -> sink
// Only a few pieces are ever in memory; the whole layer never is. Each raw piece is hashed before
// it is compressed, so a compressor in another worker can take it over without a copy.

import { cutPieces, gzipPiece } from '../compress/gzip-pieces.ts';
import { createSha256, iterateBlob } from '../hash/sha256.ts';
import { MediaType } from '../oci/media-types.ts';
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

export interface BuildLayerOptions {
  /** The image's created time (RFC 3339); the default mtime of every entry. */
  created: string;
  sink?: BlobSinkFactory;
  signal?: AbortSignal;
  onProgress?: (p: BuildProgress) => void;
  /** Defaults to gzipPiece here; a worker pool can pass a function that compresses elsewhere. */
  compressPiece?: PieceCompressor;
  /** Pieces compressed concurrently (useful only when compressPiece runs elsewhere). */
  parallelism?: number;
}

export async function buildLayer(layer: EntriesLayer, opts: BuildLayerOptions): Promise<Layer> {
  const tar = tarBlob(layer.entries, { mtime: epochSecondsOf(opts.created) });
  const total = tar.size;
  const diffHash = await createSha256();
  const blobHash = await createSha256();
  const sink = (opts.sink ?? memorySinkFactory).create();
  let done = 0;
  let size = 0;
  try {
    opts.signal?.throwIfAborted();
    const raw = tapPieces(cutPieces(iterateBlob(tar)), (piece) => diffHash.update(piece));
    const pieces = compressPieces(raw, opts.compressPiece ?? gzipPiece, opts.parallelism);
    for await (const { rawSize, compressed } of pieces) {
      opts.signal?.throwIfAborted();
      blobHash.update(compressed);
      await sink.write(compressed);
      done += rawSize;
      size += compressed.byteLength;
      opts.onProgress?.({ done, total });
    }
    const blob = await sink.close();
    return {
      descriptor: { mediaType: MediaType.ociLayerGzip, digest: blobHash.digest(), size },
      diffId: diffHash.digest(),
      tarSize: total,
      blob,
    };
  } catch (error) {
    sink.abort();
    throw error;
  }
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
