// The header rules of Go's archive/tar, one test each, so they hold even where the Go oracle
// (go.oracle.test.ts) cannot run: HOSTILE-INPUTS.md item 27 and issue 11's list.

import { describe, expect, it } from 'vitest';
import { chunksOf } from '../../test-support/bytes.ts';
import { archive, body, file, header, pax, setChecksum } from '../../test-support/tar-craft.ts';
import { concat } from './header.ts';
import { readTar, TarError, type TarRecord } from './read.ts';

async function read(bytes: Uint8Array) {
  const out = { records: [] as TarRecord[], warnings: [] as string[], error: undefined as string | undefined };
  try {
    for await (const r of readTar(chunksOf(bytes, 300), { onWarning: (m) => out.warnings.push(m) })) out.records.push(r);
  } catch (e) {
    if (!(e instanceof TarError)) throw e;
    out.error = e.message;
  }
  return out;
}
const long = (type: 'L' | 'K', v: string) => concat(header({ name: '././@LongLink', type, size: v.length + 1 }), body(`${v}\0`));

describe("Go's header rules", () => {
  it('a second x header replaces the first: a size in the first does not swallow the entries after it', async () => {
    const o = await read(archive(pax({ size: '5000' }), pax({ uid: '1' }), file('a', 'x'), file('b', 'y')));
    expect(o.records.map((r) => [r.entry.path, r.entry.size, r.entry.uid])).toEqual([['a', 1, 1], ['b', 1, 0]]);
  });

  it('a GNU long name beats a PAX path, whichever comes first', async () => {
    for (const parts of [[long('L', 'long'), pax({ path: 'pax' })], [pax({ path: 'pax' }), long('L', 'long')]]) {
      const o = await read(archive(...parts, file('short', 'x')));
      expect(o.records.map((r) => r.entry.path)).toEqual(['long']);
    }
  });

  it('a g header is not applied and drops a pending x and L', async () => {
    const o = await read(archive(pax({ path: 'fromx' }), long('K', 'link'), pax({ uid: '1000' }, 'g'), header({ name: 'a', type: '2', linkname: 't' })));
    expect(o.records.map((r) => [r.entry.path, r.entry.uid, r.entry.linkname])).toEqual([['a', 0, 't']]);
    expect(o.warnings).toHaveLength(2);
  });

  it('an empty GNU long name is unset: the header\'s own name is used', async () => {
    const o = await read(archive(concat(header({ name: '././@LongLink', type: 'L', size: 1 }), body('\0')), file('own', 'x')));
    expect(o.records.map((r) => r.entry.path)).toEqual(['own']);
    expect(o.records[0].warnings[0]).toMatch(/^GNU long name at offset 0 is empty: Go ignores it/);
  });

  it('a GNU header whose atime bytes do not parse is read as ustar, prefix included', async () => {
    const block = header({ name: 'foo', format: 'gnu', raw: { 345: 'pre/fix' } });
    setChecksum(block);
    const o = await read(archive(block));
    expect(o.records.map((r) => r.rawName)).toEqual(['pre/fix/foo']);
    expect(o.records[0].warnings).toEqual(['GNU header with unreadable atime/ctime bytes: Go reads them as a ustar prefix (name "pre/fix/foo"); GNU tar and bsdtar read the name "foo"']);
  });

  it('PAX numbers may have leading zeros and a sign, as strconv.ParseInt allows', async () => {
    const o = await read(archive(pax({ size: '000000000000000000000002', uid: '+5', mtime: '-1.5' }), file('z', 'xy')));
    expect(o.records.map((r) => [r.entry.size, r.entry.uid, r.entry.mtime])).toEqual([[2, 5, -2]]);
  });

  it('an old-style entry named "dir/" is a directory with no data, whatever its size says', async () => {
    const o = await read(archive(header({ name: 'd/', type: '\0', size: 512 }), file('next', 'n')));
    expect(o.records.map((r) => [r.entry.path, r.entry.type])).toEqual([['d', 'dir'], ['next', 'file']]);
  });
});

describe('readings other tools make, flagged', () => {
  it('GNU.sparse.name on an entry that is not sparse: Go ignores it, GNU tar names the entry by it', async () => {
    const o = await read(archive(pax({ 'GNU.sparse.name': 'other' }), file('small.txt', 'x')));
    expect(o.records.map((r) => [r.entry.path, r.warnings])).toEqual([['small.txt', [
      'PAX GNU.sparse.name "other" is not applied: the entry is not sparse (Go\'s reading); GNU tar names the entry by it',
    ]]]);
  });
});

describe('bounds the reader keeps', () => {
  it('a symlink target longer than Linux allows (150 000 segments) is skipped, not handed on', async () => {
    const o = await read(archive(pax({ linkpath: 'a/'.repeat(150_000) }), header({ name: 'l', type: '2' }), file('after', 'x')));
    expect(o.records.map((r) => r.entry.path)).toEqual(['after']);
    expect(o.warnings).toEqual(['symlink "l" has a 300000-byte target; Linux refuses targets over 4095 bytes, so no container can hold it (entry at offset 0); skipped']);
  });

  it('archive-level warnings stop at 1000 and the rest are counted', async () => {
    const o = await read(archive(...Array.from({ length: 1500 }, () => file('.wh.', ''))));
    expect(o.warnings).toHaveLength(1001);
    expect(o.warnings.at(-1)).toBe('500 more warnings like the ones above are not shown');
  });
});
