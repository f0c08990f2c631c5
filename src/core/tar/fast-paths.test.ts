// The tar reader's fast paths (a plain octal field read in place, a header summed four bytes at a
// time, a plain name taken as it is) against the general rules they stand in for, on random input.

import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { decodeHeader } from './header.ts';
import { cleanName } from './names.ts';
import { parseOctal, plainOctal } from './numbers.ts';
import { setChecksum } from '../../test-support/tar-craft.ts';

const fieldBytes = (width: number) => fc.uint8Array({ minLength: width, maxLength: width }).chain((random) =>
  fc.array(fc.constantFrom(0x30, 0x31, 0x37, 0x38, 0x20, 0x00, 0x78, 0x80), { minLength: width, maxLength: width }).map((picked) =>
    // Mostly bytes an octal field is made of, sometimes anything.
    Uint8Array.from(picked, (b, i) => (random[i] < 16 ? random[i] : b))));

describe('plainOctal', () => {
  it('reads a field exactly as parseOctal does, or leaves it to parseOctal', () => {
    fc.assert(fc.property(fc.constantFrom(8, 12, 20), fc.nat(4), (width, at) => fc.assert(fc.property(fieldBytes(width), (field) => {
      const block = new Uint8Array(at + width + 4).fill(0x31);
      block.set(field, at);
      const fast = plainOctal(block, at, width);
      if (fast < 0) return;
      const general = parseOctal(field);
      expect(general.ok).toBe(true);
      expect(general.ok && general.value).toBe(BigInt(fast));
    }), { numRuns: 300 })), { numRuns: 10 });
  });

  it('takes the forms tar writers use', () => {
    const field = (text: string) => new TextEncoder().encode(text);
    expect(plainOctal(field('0000644\0'), 0, 8)).toBe(0o644);
    expect(plainOctal(field('   644\0 '), 0, 8)).toBe(0o644);
    expect(plainOctal(field('\0\0\0\0\0\0\0\0'), 0, 8)).toBe(0);
    expect(plainOctal(field('12345670123'), 0, 11)).toBe(0o12345670123);
    expect(plainOctal(field('0000644 '), 0, 8)).toBe(-1);
    expect(plainOctal(Uint8Array.of(0x80, 0, 0, 0, 0, 0, 0, 1), 0, 8)).toBe(-1);
  });
});

describe('header checksum', () => {
  const block = fc.uint8Array({ minLength: 512, maxLength: 512 }).map((bytes) => {
    bytes.set(new TextEncoder().encode('ustar\x0000'), 257);
    bytes.fill(0, 100, 148); // numeric fields that parse
    bytes.fill(0, 329, 345);
    setChecksum(bytes);
    return bytes;
  });

  it('accepts a right checksum whether the block is word-aligned or not, and refuses a changed byte both ways', () => {
    fc.assert(fc.property(block, fc.integer({ min: 0, max: 511 }), fc.integer({ min: 1, max: 0x7f }), (bytes, at, delta) => {
      const misaligned = new Uint8Array(513).subarray(1);
      misaligned.set(bytes);
      expect(() => decodeHeader(bytes, 0)).not.toThrow();
      expect(() => decodeHeader(misaligned, 0)).not.toThrow();
      if (at >= 148 && at < 156) return; // the checksum field itself is read as spaces
      const changed = bytes[at] < 0x80 ? (bytes[at] + delta) & 0x7f : 0x80 | ((bytes[at] + delta) & 0x7f);
      if (changed === bytes[at]) return;
      for (const copy of [bytes.slice(), misaligned]) {
        copy[at] = changed;
        expect(() => decodeHeader(copy, 0)).toThrow(/bad header checksum/);
      }
    }), { numRuns: 300 });
  });
});

/** Lexical cleaning by segments, the rule cleanName implements (containerd's filepath.Join("/", name)). */
function referencePath(name: string): string {
  const out: string[] = [];
  for (const segment of name.split('/')) {
    if (segment === '' || segment === '.') continue;
    if (segment === '..') out.pop();
    else out.push(segment);
  }
  return out.join('/');
}

describe('cleanName', () => {
  it('gives the lexically cleaned path, and warns exactly when a name is not already clean or holds a backslash, drive letter, control or bidi character', () => {
    const name = fc.array(fc.constantFrom('a', 'b', '.', '/', '..', './', '\\', ' ', 'C:', '\u202e', 'é', '\u0001', 'x y'), { maxLength: 8 }).map((parts) => parts.join(''));
    fc.assert(fc.property(name, (text) => {
      const cleaned = cleanName(text);
      expect(cleaned.path).toBe(referencePath(text));
      const controlOrBidi = /[\u0000-\u001f\u007f\u061c\u200e\u200f\u202a-\u202e\u2066-\u2069]/.test(text);
      const plain = text.replace(/^\.\//, '').replace(/\/$/, '') === cleaned.path && !controlOrBidi && !text.includes('\\') && !/^[A-Za-z]:/.test(text);
      expect(cleaned.warnings.length === 0).toBe(plain);
    }), { numRuns: 2000 });
  });
});
