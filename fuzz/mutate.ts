// A small byte mutator in the style of AFL/libFuzzer: a few stacked edits per case (bit flips,
// interesting bytes, runs, inserts, deletes, duplicated ranges, numbers written as text, splices
// with another seed), driven by a seeded xorshift PRNG so every run can be replayed.

export class Rng {
  private x: number;
  constructor(seed: number) {
    this.x = seed >>> 0 || 0x9e3779b9;
  }

  next(): number {
    let x = this.x;
    x ^= x << 13;
    x ^= x >>> 17;
    x ^= x << 5;
    this.x = x >>> 0;
    return this.x;
  }

  below(n: number): number {
    return n <= 1 ? 0 : this.next() % n;
  }

  pick<T>(items: readonly T[]): T {
    return items[this.below(items.length)];
  }
}

export const INTERESTING_BYTES = [0, 1, 0x0a, 0x20, 0x2f, 0x30, 0x37, 0x38, 0x3d, 0x7f, 0x80, 0xfe, 0xff];
const NUMBERS = ['0', '1', '-1', '+1', '7', '8', '00000000000', '77777777777', '777777777777', '9007199254740993', '18446744073709551616', '9e15', ' ', ''];
/** Largest mutated input; bigger ones are cut (parsers are bounded, the fuzzer should be fast). */
export const MAX_CASE = 256 * 1024;

type Edit = (data: Uint8Array, rng: Rng, others: readonly Uint8Array[]) => Uint8Array;

const edits: Edit[] = [
  (d, r) => flip(d, r.below(d.length), 1 << r.below(8)),
  (d, r) => set(d, r.below(d.length), r.pick(INTERESTING_BYTES)),
  (d, r) => set(d, r.below(d.length), r.below(256)),
  (d, r) => {
    const at = r.below(d.length);
    const out = d.slice();
    out.fill(r.pick(INTERESTING_BYTES), at, at + 1 + r.below(32));
    return out;
  },
  (d, r) => splice(d, r.below(d.length + 1), 0, Uint8Array.from({ length: 1 + r.below(16) }, () => r.pick(INTERESTING_BYTES))),
  (d, r) => {
    const at = r.below(d.length);
    return splice(d, at, 1 + r.below(Math.min(512, d.length - at)), new Uint8Array(0));
  },
  (d, r) => {
    const at = r.below(d.length);
    const piece = d.slice(at, at + 1 + r.below(1024));
    return splice(d, r.below(d.length + 1), 0, piece);
  },
  (d, r) => {
    const text = new TextEncoder().encode(r.pick(NUMBERS));
    const out = d.slice();
    out.set(text.subarray(0, Math.max(0, out.length - 1)), r.below(Math.max(1, out.length - text.length)));
    return out;
  },
  (d, r, others) => {
    const other = others.length > 0 ? r.pick(others) : d;
    return concat(d.subarray(0, r.below(d.length + 1)), other.subarray(r.below(other.length + 1)));
  },
  (d, r) => d.subarray(0, r.below(d.length + 1)),
];

/** One mutated copy of `data`: 1 to 4 stacked edits. */
export function mutate(data: Uint8Array, rng: Rng, others: readonly Uint8Array[] = []): Uint8Array {
  let out = data.length === 0 ? Uint8Array.of(rng.below(256)) : data;
  for (let n = 1 + rng.below(4); n > 0; n--) {
    out = rng.pick(edits)(out.length === 0 ? Uint8Array.of(0) : out, rng, others);
  }
  return out.length > MAX_CASE ? out.subarray(0, MAX_CASE) : out;
}

function flip(d: Uint8Array, at: number, mask: number): Uint8Array {
  const out = d.slice();
  out[at] ^= mask;
  return out;
}

function set(d: Uint8Array, at: number, value: number): Uint8Array {
  const out = d.slice();
  out[at] = value;
  return out;
}

function splice(d: Uint8Array, at: number, remove: number, insert: Uint8Array): Uint8Array {
  return concat(d.subarray(0, at), insert, d.subarray(at + remove));
}

export function concat(...parts: Uint8Array[]): Uint8Array {
  let length = 0;
  for (const p of parts) length += p.length;
  const out = new Uint8Array(length);
  let at = 0;
  for (const p of parts) {
    out.set(p, at);
    at += p.length;
  }
  return out;
}
