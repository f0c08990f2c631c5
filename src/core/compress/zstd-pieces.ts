// zstd layer compression in the same fixed 4 MiB pieces as gzip (gzip-pieces.ts): each piece is
// one zstd frame, and concatenated frames are one valid zstd stream (RFC 8878 §3.1) that
// containerd, podman and skopeo (klauspost/compress) read. The encoder is libzstd compiled to
// WebAssembly (@bokuweb/zstd-wasm, pinned), the same module in Node and every browser, at a
// pinned level, so a piece always compresses to the same bytes wherever it runs. (It replaced
// @hpcc-js/wasm-zstd, whose copy out of wasm memory went through a JavaScript array and took 8x
// longer than the compression; both give the same bytes.)

import { compress, init } from '@bokuweb/zstd-wasm';

/** zstd's own default level. */
export const ZSTD_LEVEL = 3;

let encoder: Promise<void> | undefined;

/** Loads the encoder (once); zstdPiece waits for it. */
export const loadZstd = (): Promise<void> => (encoder ??= init());

export async function zstdPiece(bytes: Uint8Array): Promise<Uint8Array> {
  await loadZstd();
  return compress(bytes, ZSTD_LEVEL);
}
