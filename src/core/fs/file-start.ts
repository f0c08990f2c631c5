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

/** Reads just the first bytes of a Blob (never the whole file). */
export async function sniffFileStart(blob: Blob): Promise<FileStart> {
  const start = new Uint8Array(await blob.slice(0, ELF_HEADER_BYTES).arrayBuffer());
  return { mode: modeFromFileStart(start), architecture: elfArchitecture(start) };
}
