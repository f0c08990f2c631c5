// A layer blob as a stream of uncompressed tar bytes: compression is detected from the blob's
// magic bytes (a media type can lie), a disagreement with the declared compression is a warning,
// and decoding runs under an absolute output budget so a bomb ends in an error, not an OOM.

import { decompressStream } from './decompress.ts';
import { detectCompression, MAGIC_LENGTH, type Compression } from './detect.ts';
import { iterateBlob } from '../hash/sha256.ts';

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
  /** Sees every compressed chunk as it is read (hashing the blob in the same pass, progress). */
  onCompressed?: (chunk: Uint8Array) => void;
  signal?: AbortSignal;
}

export async function openLayerStream(blob: Blob, opts: LayerStreamOptions = {}): Promise<LayerStream> {
  const magic = new Uint8Array(await blob.slice(0, MAGIC_LENGTH).arrayBuffer());
  const compression = detectCompression(magic);
  const declared = opts.declared;
  const warning = declared && declared !== compression
    ? `media type declares ${declared === 'none' ? 'an uncompressed tar' : declared} but the bytes are ${compression === 'none' ? 'not compressed' : compression}; read as ${compression}`
    : undefined;
  const source = async function* () {
    for await (const chunk of iterateBlob(blob)) {
      opts.signal?.throwIfAborted();
      opts.onCompressed?.(chunk);
      yield chunk;
    }
  };
  const tar = decompressStream(source(), compression, { maxOutput: opts.maxOutput ?? MAX_LAYER_TAR_BYTES });
  return { compression, ...(warning ? { warning } : {}), tar };
}
