// What an added file's first bytes say: its default permission bits (executables, ELF binaries
// and `#!` scripts, get 0755, everything else 0644) and, for an ELF binary, the architecture it is
// built for (elf.ts). One read of the first ELF_HEADER_BYTES answers both, so adding a folder opens
// each file once for them.

import { ELF_HEADER_BYTES, elfArchitecture } from './elf.ts';

export interface FileStart {
  mode: number;
  /** The OCI architecture of an ELF binary, null for any other file. */
  architecture: string | null;
}

export function modeFromFileStart(start: Uint8Array): number {
  const elf = start.length >= 4 && start[0] === 0x7f && start[1] === 0x45 && start[2] === 0x4c && start[3] === 0x46;
  const shebang = start.length >= 2 && start[0] === 0x23 && start[1] === 0x21;
  return elf || shebang ? 0o755 : 0o644;
}

/**
 * Reads the first bytes of a Blob: chunks of its stream until it has them (or the stream ends),
 * then it cancels the stream. One open of the file; a 20-byte slice is a Blob of its own to make
 * and then read, which took 1.6x as long over a folder of 8014 files in Chromium (4.2–4.6 s
 * against 2.6–2.9 s).
 */
export async function sniffFileStart(blob: Blob): Promise<FileStart> {
  const reader = blob.stream().getReader();
  const start = new Uint8Array(ELF_HEADER_BYTES);
  let length = 0;
  try {
    while (length < ELF_HEADER_BYTES) {
      const { value, done } = await reader.read();
      if (done) break;
      const part = value.subarray(0, ELF_HEADER_BYTES - length);
      start.set(part, length);
      length += part.length;
    }
  } finally {
    void reader.cancel().catch(() => {});
  }
  const read = start.subarray(0, length);
  return { mode: modeFromFileStart(read), architecture: elfArchitecture(read) };
}

/** Files read at once by sniffFileStarts: as fast as all at once in Chromium, and each open stream may hold a chunk. */
export const SNIFFS_IN_FLIGHT = 64;

/** sniffFileStart of each Blob, at most `inFlight` streams open at a time; answers in order. */
export async function sniffFileStarts(blobs: Blob[], inFlight = SNIFFS_IN_FLIGHT): Promise<FileStart[]> {
  const starts: FileStart[] = new Array(blobs.length);
  let next = 0;
  const sniffNext = async (): Promise<void> => {
    for (let i = next++; i < blobs.length; i = next++) starts[i] = await sniffFileStart(blobs[i]);
  };
  await Promise.all(Array.from({ length: Math.min(inFlight, blobs.length) }, sniffNext));
  return starts;
}
