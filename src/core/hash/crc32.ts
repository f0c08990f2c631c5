// Streaming CRC-32 (the zip polynomial) via hash-wasm, for STORED zip entries whose bytes are
// Blobs we must not copy: the checksum is computed by streaming each blob once.

import { createCRC32 } from 'hash-wasm';
import { feedBlob, type ByteProgress } from './sha256.ts';

export interface Crc32 {
  update(chunk: Uint8Array): void;
  /** The CRC as an unsigned 32-bit number. */
  value(): number;
  /** Starts over, as if newly created. */
  reset(): void;
}

export async function createCrc32(): Promise<Crc32> {
  const hasher = await createCRC32();
  hasher.init();
  return {
    update(chunk) {
      hasher.update(chunk);
    },
    value() {
      return Number.parseInt(hasher.digest('hex'), 16);
    },
    reset() {
      hasher.init();
    },
  };
}

/** CRC-32 of a Blob, streamed; `onProgress` receives the bytes checksummed so far. */
export async function crc32OfBlob(blob: Blob, onProgress?: ByteProgress): Promise<number> {
  const crc = await createCrc32();
  await feedBlob(blob, (chunk) => crc.update(chunk), onProgress);
  return crc.value();
}
