// Property-based tar cases: fast-check builds archives from the headers readers disagree on (x, g,
// L, K, sparse records, numbers with signs and zeros, GNU/ustar/v7 magic, prefixes, odd types)
// and the same check as the mutational target compares our listing with Go's.

import fc from 'fast-check';
import { concat } from '../../src/core/tar/header.ts';
import { body, header, pax } from '../../src/test-support/tar-craft.ts';
import type { FuzzTarget } from '../target.ts';
import { checkTar, closeGo } from './tar.ts';

const keys = fc.constantFrom('path', 'linkpath', 'size', 'uid', 'gid', 'mtime', 'atime', 'uname', 'gname', 'SCHILY.xattr.user.a', 'GNU.sparse.major', 'GNU.sparse.minor', 'GNU.sparse.name', 'GNU.sparse.realsize', 'GNU.sparse.map', 'GNU.sparse.numblocks', 'comment');
const values = fc.oneof(
  fc.constantFrom('', '0', '1', '-1', '+2', '007', '1.5', '-0.5', '0,1', '1,0,2,1', 'a', 'a/b', 'a/', '../x', '1000'),
  fc.integer({ min: -5, max: 5000 }).map(String),
  fc.string({ maxLength: 12 }),
);
const name = fc.oneof(fc.constantFrom('a', 'a/', 'dir/x', './b', '.wh.a', 'd/.wh..wh..opq', '', '/abs'), fc.string({ maxLength: 20, unit: 'grapheme-ascii' }));
const typeflag = fc.constantFrom('0', '\0', '1', '2', '5', '7', 'S', 'D', '3', 'V');

const part = fc.oneof(
  fc.record({ kind: fc.constantFrom('x' as const, 'g' as const), records: fc.array(fc.tuple(keys, values), { maxLength: 4 }) }),
  fc.record({ kind: fc.constantFrom('L' as const, 'K' as const), value: name }),
  fc.record({
    kind: fc.constant('entry' as const), type: typeflag, name, linkname: name, size: fc.integer({ min: 0, max: 1200 }),
    data: fc.integer({ min: 0, max: 1200 }), format: fc.constantFrom('ustar' as const, 'gnu' as const, 'v7' as const), uid: fc.integer({ min: 0, max: 70000 }),
  }),
);

const archive = fc.record({ parts: fc.array(part, { minLength: 1, maxLength: 6 }), end: fc.integer({ min: 0, max: 2 }) }).map(({ parts, end }) => {
  const enc = new TextEncoder();
  const out: Uint8Array[] = parts.map((p) => {
    if ('records' in p) return pax(p.records.map(([k, v]) => record(k, v)).join(''), p.kind);
    if ('value' in p) {
      const bytes = enc.encode(`${p.value}\0`);
      return concat(header({ name: '././@LongLink', type: p.kind, size: bytes.length }), body(bytes));
    }
    const data = new Uint8Array(p.data).fill(0x41);
    return concat(header({ name: p.name.slice(0, 100), type: p.type, size: p.size, linkname: p.linkname.slice(0, 100), format: p.format, uid: p.uid }), body(data));
  });
  out.push(new Uint8Array(512 * end));
  return concat(...out);
});

function record(key: string, value: string): string {
  const tail = ` ${key}=${value}\n`;
  let length = new TextEncoder().encode(tail).length + 1;
  while (String(length).length + new TextEncoder().encode(tail).length !== length) length = String(length).length + new TextEncoder().encode(tail).length;
  return `${length}${tail}`;
}

export const tarPropsTarget: FuzzTarget = {
  name: 'tar-props',
  teardown: closeGo,
  next: (rng) => fc.sample(archive, { seed: rng.next() | 0, numRuns: 1 })[0],
  check: checkTar,
};
