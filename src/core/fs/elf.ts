// Which machine an ELF binary is built for, read from its first 20 bytes (e_ident and e_machine),
// named as OCI platforms name architectures. Lets the composer flag an arm64 binary dropped into
// an amd64 image before a container fails with "exec format error".

/** Bytes of the ELF header read: e_ident (16) and e_type, e_machine (2 + 2). */
export const ELF_HEADER_BYTES = 20;

/** OCI architecture names by e_machine (and, for ppc64, the byte order). */
const MACHINES: Record<number, string | ((littleEndian: boolean) => string)> = {
  3: '386',
  8: 'mips',
  20: 'ppc',
  21: (le) => (le ? 'ppc64le' : 'ppc64'),
  22: 's390x',
  40: 'arm',
  62: 'amd64',
  183: 'arm64',
  243: 'riscv64',
  258: 'loong64',
};

/** The OCI architecture an ELF file is for, `elf machine N` for one without an OCI name, or null when not ELF. */
export function elfArchitecture(head: Uint8Array): string | null {
  if (head.length < ELF_HEADER_BYTES || head[0] !== 0x7f || head[1] !== 0x45 || head[2] !== 0x4c || head[3] !== 0x46) return null;
  const littleEndian = head[5] !== 2;
  const machine = littleEndian ? head[18] | (head[19] << 8) : (head[18] << 8) | head[19];
  const name = MACHINES[machine];
  if (name === undefined) return `elf machine ${machine}`;
  return typeof name === 'function' ? name(littleEndian) : name;
}
