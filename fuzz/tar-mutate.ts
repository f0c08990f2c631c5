// Tar-aware edits: most random flips only break a header checksum, so these edit one field of a
// real header (or one PAX record) with a value readers are known to disagree on, and then fix
// the checksum, which gets mutations past the first check and into the header state machine.

import { mutate, Rng, concat } from './mutate.ts';

const FIELDS: Array<[at: number, width: number]> = [
  [0, 100], [100, 8], [108, 8], [116, 8], [124, 12], [136, 12], [156, 1], [157, 100], [257, 8],
  [265, 32], [297, 32], [329, 8], [337, 8], [345, 155], [345, 12], [357, 12], [386, 24], [482, 1], [483, 12], [508, 4],
];
const TYPEFLAGS = '0125x' + 'gLKSD7\0V36';
const TEXTS = [
  '0000644\0', '0000000\0', '00000001000\0', '77777777777\0', '-1', '+7', ' 12 \0', '12\0x', '\0', 'ustar\0', 'ustar  \0',
  'ustar\x0000', 'tar\0', 'a/', '../x', '/abs', './', '.wh.x', '.wh..wh..opq', 'a'.repeat(100), '9e15',
];
const PAX_KEYS = ['path', 'linkpath', 'size', 'uid', 'gid', 'mtime', 'atime', 'uname', 'SCHILY.xattr.user.a', 'GNU.sparse.major', 'GNU.sparse.minor', 'GNU.sparse.name', 'GNU.sparse.realsize', 'GNU.sparse.size', 'GNU.sparse.map', 'GNU.sparse.numblocks', 'GNU.sparse.offset', 'GNU.sparse.numbytes', 'comment'];
const PAX_VALUES = ['', '0', '-1', '00000000000000000000005', '+3', '1.5', '-1.000000000001', '9000000000000000', 'x', 'a/b/', '0,1,2,3', '1', '1000', 'a\0b'];

const enc = new TextEncoder();

/** Offsets of blocks that carry a valid header checksum (where a header edit means something). */
function headerOffsets(data: Uint8Array): number[] {
  const out: number[] = [];
  for (let at = 0; at + 512 <= data.length && out.length < 64; at += 512) {
    let sum = 8 * 0x20;
    for (let i = 0; i < 512; i++) if (i < 148 || i >= 156) sum += data[at + i];
    const stored = Number.parseInt(new TextDecoder().decode(data.subarray(at + 148, at + 155)).replace(/\0.*$/, '').trim(), 8);
    if (stored === sum) out.push(at);
  }
  return out;
}

export function fixChecksum(data: Uint8Array, at: number, signed: boolean): void {
  let sum = 8 * 0x20;
  for (let i = 0; i < 512; i++) {
    if (i >= 148 && i < 156) continue;
    const b = data[at + i];
    sum += signed && b >= 0x80 ? b - 256 : b;
  }
  data.set(enc.encode(sum.toString(8).padStart(6, '0') + '\0 '), at + 148);
}

/** A PAX record "%d key=value\n" with a consistent length (or, sometimes, a bent one). */
function paxRecord(rng: Rng): Uint8Array {
  const tail = ` ${rng.pick(PAX_KEYS)}=${rng.pick(PAX_VALUES)}\n`;
  let length = tail.length + 1;
  while (String(length).length + tail.length !== length) length = String(length).length + tail.length;
  const shown = rng.below(8) === 0 ? String(length + rng.pick([-1, 1, 100])) : String(length);
  return enc.encode(shown + tail);
}

export function mutateTar(data: Uint8Array, rng: Rng, others: readonly Uint8Array[]): Uint8Array {
  const headers = headerOffsets(data);
  if (headers.length === 0 || rng.below(4) === 0) return mutate(data, rng, others);
  const out = data.slice();
  const at = rng.pick(headers);
  const choice = rng.below(5);
  if (choice === 0) {
    out[at + 156] = TYPEFLAGS.charCodeAt(rng.below(TYPEFLAGS.length));
  } else if (choice === 1) {
    // Replace this header's body with a few PAX records and make it an x or g header.
    const records = concat(...Array.from({ length: 1 + rng.below(3) }, () => paxRecord(rng)));
    if (at + 512 + records.length > out.length) return mutate(data, rng, others);
    out[at + 156] = rng.below(4) === 0 ? 0x67 : 0x78;
    out.set(enc.encode(records.length.toString(8).padStart(11, '0') + '\0'), at + 124);
    out.set(records, at + 512);
    out.fill(0, at + 512 + records.length, at + 512 + Math.ceil(records.length / 512) * 512);
  } else {
    const [field, width] = rng.pick(FIELDS);
    const value = rng.below(3) === 0
      ? Uint8Array.from({ length: width }, (_, i) => (i === 0 ? rng.pick([0x80, 0xff, 0xc0]) : rng.pick([0, 0xff, 1])))
      : enc.encode(rng.pick(TEXTS)).subarray(0, width);
    out.fill(0, at + field, at + field + width);
    out.set(value, at + field);
  }
  if (rng.below(16) !== 0) fixChecksum(out, at, rng.below(8) === 0);
  return out;
}
