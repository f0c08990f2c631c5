// zstd layer compression in the same fixed 4 MiB pieces as gzip (gzip-pieces.ts): each piece is
// one zstd frame, and concatenated frames are one valid zstd stream (RFC 8878 §3.1) that
// containerd, podman and skopeo (klauspost/compress) read. The encoder is libzstd compiled to
// WebAssembly (@hpcc-js/wasm-zstd), the same module in Node and every browser, at a pinned level,
// so a piece always compresses to the same bytes wherever it runs.

import { Zstd } from '@hpcc-js/wasm-zstd';

/** zstd's own default level. */
export const ZSTD_LEVEL = 3;

let encoder: Promise<Zstd> | undefined;

export async function zstdPiece(bytes: Uint8Array): Promise<Uint8Array> {
  const zstd = await (encoder ??= Zstd.load());
  return zstd.compress(bytes, ZSTD_LEVEL);
}
