// Deterministic "mixed content" for benchmarks and the Node-vs-Chromium determinism test: the
// same seed gives the same files, byte for byte, in Node and in the browser. The mix imitates a
// real layer: incompressible data (already-compressed assets), binary (executables), text, and a
// crowd of small files.

import type { FsEntry } from '../src/core/fs/entry.ts';

/** xorshift32: tiny, fast, identical on every engine. */
function prng(seed: number): () => number {
  let x = seed >>> 0 || 1;
  return () => {
    x ^= x << 13;
    x >>>= 0;
    x ^= x >>> 17;
    x ^= x << 5;
    x >>>= 0;
    return x;
  };
}

function randomBytes(size: number, seed: number): Uint8Array {
  const next = prng(seed);
  const out = new Uint8Array(size);
  const words = new Uint32Array(out.buffer, 0, size >>> 2);
  for (let i = 0; i < words.length; i++) words[i] = next();
  for (let i = words.length * 4; i < size; i++) out[i] = next() & 0xff;
  return out;
}

/** Low-entropy binary: runs of a few opcodes and small integers, roughly like machine code. */
function binaryBytes(size: number, seed: number): Uint8Array {
  const next = prng(seed);
  const out = new Uint8Array(size);
  for (let i = 0; i < size; ) {
    const r = next();
    const run = 1 + (r & 15);
    const value = (r >>> 8) & 0x3f;
    for (let j = 0; j < run && i < size; j++, i++) out[i] = (value + j) & 0xff;
  }
  return out;
}

const WORDS = (
  'the image layer config manifest index digest blob tar gzip entry path file directory symlink ' +
  'container runtime kernel process signal environment variable port volume label user group ' +
  'error warning info debug request response server client cache build deploy release version'
).split(' ');

function textBytes(size: number, seed: number): Uint8Array {
  const next = prng(seed);
  const out = new Uint8Array(size);
  let i = 0;
  while (i < size) {
    const word = WORDS[next() % WORDS.length];
    for (let k = 0; k < word.length && i < size; k++) out[i++] = word.charCodeAt(k);
    if (i < size) out[i++] = next() % 11 === 0 ? 10 : 32;
  }
  return out;
}

function file(path: string, bytes: Uint8Array, mode = 0o644): FsEntry {
  const content = new Blob([bytes as Uint8Array<ArrayBuffer>]);
  return { path, type: 'file', mode, uid: 0, gid: 0, size: content.size, content };
}

/**
 * About `totalBytes` of file content: 3/8 incompressible, 1/4 binary, 1/4 text, 1/8 small files
 * of 4 KiB. Big files are split at 16 MiB so no single allocation is huge.
 */
export function mixedEntries(totalBytes: number, seed = 42): FsEntry[] {
  const entries: FsEntry[] = [];
  const bigFiles = (dir: string, bytes: number, make: (n: number, s: number) => Uint8Array, mode?: number) => {
    const part = 16 * 1024 * 1024;
    for (let i = 0, left = bytes; left > 0; i++, left -= part) {
      entries.push(file(`${dir}/part-${String(i).padStart(3, '0')}`, make(Math.min(part, left), seed + i + 1), mode));
    }
  };
  bigFiles('opt/assets', Math.floor(totalBytes * 0.375), randomBytes);
  bigFiles('usr/lib/bin', Math.floor(totalBytes * 0.25), binaryBytes, 0o755);
  bigFiles('usr/share/doc', Math.floor(totalBytes * 0.25), textBytes);
  const small = 4096;
  const count = Math.floor((totalBytes * 0.125) / small);
  for (let i = 0; i < count; i++) {
    const dir = `srv/small/${String(i % 64).padStart(2, '0')}`;
    const make = i % 2 === 0 ? textBytes : binaryBytes;
    entries.push(file(`${dir}/f${String(i).padStart(6, '0')}.dat`, make(small, seed * 7919 + i)));
  }
  return entries;
}
