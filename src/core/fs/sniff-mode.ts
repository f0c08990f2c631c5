// Default permission bits for an added file from its first bytes: executables (ELF binaries and
// `#!` scripts) get 0755, everything else 0644. Only the first four bytes are ever needed.

export const SNIFF_BYTES = 4;

export function modeFromFileStart(start: Uint8Array): number {
  const elf = start.length >= 4 && start[0] === 0x7f && start[1] === 0x45 && start[2] === 0x4c && start[3] === 0x46;
  const shebang = start.length >= 2 && start[0] === 0x23 && start[1] === 0x21;
  return elf || shebang ? 0o755 : 0o644;
}

/** Reads just the first bytes of a Blob (never the whole file). */
export async function sniffMode(blob: Blob): Promise<number> {
  return modeFromFileStart(new Uint8Array(await blob.slice(0, SNIFF_BYTES).arrayBuffer()));
}
