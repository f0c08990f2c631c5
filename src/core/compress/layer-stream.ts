// A layer blob as a stream of uncompressed tar bytes: compression is detected from the blob's
// magic bytes (a media type can lie), a disagreement with the declared compression is a warning,
// and decoding runs under an absolute output budget so a bomb ends in an error, not an OOM. Gzip
// goes through the engine's own decoder where it agrees with ours (native-gunzip.ts).

import { decompressStream } from './decompress.ts';
import { gunzipPreferNative } from './native-gunzip.ts';
import { detectCompression, MAGIC_LENGTH, type Compression } from './detect.ts';
import { iterateBlob, iterateBlobReusing } from '../hash/sha256.ts';

/** Default ceiling on one layer's uncompressed size. */
export const MAX_LAYER_TAR_BYTES = 32 * 1024 ** 3;

export interface LayerStream {
  compression: Compression;
  /** Set when the magic bytes disagree with the media type. */
  warning?: string;
  tar: AsyncGenerator<Uint8Array>;
}

export interface LayerStreamOptions {
  /** What the media type declares; null when it is not a layer type. */
  declared?: Compression | null;
  maxOutput?: number;
  /** Sees every compressed chunk as it is read (hashing the blob in the same pass, progress); the chunk is valid only during the call. */
  onCompressed?: (chunk: Uint8Array) => void;
  /**
   * The caller is done with each tar chunk before it asks for the next, so an uncompressed
   * layer's chunks may be views of one reused buffer (iterateBlobReusing). A compressed layer's
   * bytes are read that way whenever its decoder consumes each chunk before asking for the next.
   */
  reuseTarChunks?: boolean;
  signal?: AbortSignal;
}

export async function openLayerStream(blob: Blob, opts: LayerStreamOptions = {}): Promise<LayerStream> {
  const magic = new Uint8Array(await blob.slice(0, MAGIC_LENGTH).arrayBuffer());
  const compression = detectCompression(magic);
  const declared = opts.declared;
  const warning = declared && declared !== compression
    ? `media type declares ${declared === 'none' ? 'an uncompressed tar' : declared} but the bytes are ${compression === 'none' ? 'not compressed' : compression}; read as ${compression}`
    : undefined;
  // The blob may be read twice (gzip's second pass, see native-gunzip.ts): each compressed byte is
  // still reported once, in order, so a hash of what onCompressed sees stays the blob's.
  let reported = 0;
  const source = async function* (reusable: boolean) {
    let read = 0;
    for await (const chunk of reusable ? iterateBlobReusing(blob) : iterateBlob(blob)) {
      opts.signal?.throwIfAborted();
      read += chunk.byteLength;
      if (read > reported) {
        opts.onCompressed?.(chunk.subarray(chunk.byteLength - (read - reported)));
        reported = read;
      }
      yield chunk;
    }
  };
  const budget = { maxOutput: opts.maxOutput ?? MAX_LAYER_TAR_BYTES };
  // zstd's frame splitter and decoder keep input back between chunks, so its chunks are never reused.
  const tar = compression === 'gzip' ? gunzipPreferNative(source, budget) : decompressStream(source(compression === 'none' && opts.reuseTarChunks === true), compression, budget);
  return { compression, ...(warning ? { warning } : {}), tar };
}
