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

/** Longer than any instantiation of the module takes, even on a loaded machine. */
const LOAD_LIMIT_MS = 20_000;

/**
 * Loads the encoder (once); zstdPiece waits for it. The package's init never rejects (when
 * zstd.wasm cannot be fetched the runtime aborts and init waits forever), so a build would sit
 * in "building": give up after LOAD_LIMIT_MS with a message, and try again on the next piece.
 */
export function loadZstd(): Promise<void> {
  encoder ??= new Promise<void>((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error(`the zstd encoder (zstd.wasm) did not load within ${LOAD_LIMIT_MS / 1000} s; build with gzip, or reload the page`)), LOAD_LIMIT_MS);
    init().then(resolve, reject).finally(() => clearTimeout(timer));
  }).catch((error: unknown) => {
    encoder = undefined;
    throw error;
  });
  return encoder;
}

export async function zstdPiece(bytes: Uint8Array): Promise<Uint8Array> {
  await loadZstd();
  return compress(bytes, ZSTD_LEVEL);
}
