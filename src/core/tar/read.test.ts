// Reader: formats, extensions, and hostile inputs (HOSTILE-INPUTS.md items 1, 2, 3, 7, 8, 9, 14,
// 16, 17, 18). Every case runs over both sources: a Blob and a stream cut into odd-sized chunks.

import { describe, expect, it } from 'vitest';
import { chunksOf } from '../../test-support/bytes.ts';
import { archive, body, file, header, pax } from '../../test-support/tar-craft.ts';
import { concat } from './header.ts';
import { readTar, sliceEntry, TarError, type ReadTarOptions, type TarRecord } from './read.ts';

interface Outcome {
  records: TarRecord[];
  warnings: Array<{ message: string; offset: number }>;
  error?: TarError;
}

async function readWith(source: Blob | AsyncIterable<Uint8Array>, opts: ReadTarOptions = {}): Promise<Outcome> {
  const out: Outcome = { records: [], warnings: [] };
  try {
    for await (const r of readTar(source, { ...opts, onWarning: (message, offset) => out.warnings.push({ message, offset }) })) {
      out.records.push(r);
    }
  } catch (error) {
    if (!(error instanceof TarError)) throw error;
    out.error = error;
  }
  return out;
}

/**
 * Reads over both sources and checks they agree on everything but lazily sliced content. A stream
 * cannot know ahead that an entry's data is cut, so it yields that entry before the error.
 */
async function read(bytes: Uint8Array<ArrayBuffer>, opts: ReadTarOptions = {}): Promise<Outcome> {
  const fromBlob = await readWith(new Blob([bytes]), opts);
  const fromStream = await readWith(chunksOf(bytes, 100), opts);
  if (fromStream.error?.message.includes('(inside data of')) {
    expect(fromStream.records.length).toBe(fromBlob.records.length + 1);
    fromStream.records.pop();
    expect(fromBlob.error?.message.startsWith(fromStream.error.message.replace(/\)$/, ''))).toBe(true);
    fromStream.error = fromBlob.error;
  }
  const summary = (o: Outcome) => ({
    entries: o.records.map((r) => ({ ...r, entry: { ...r.entry, content: undefined } })),
    warnings: o.warnings,
    error: o.error && [o.error.message, o.error.offset],
  });
  expect(summary(fromStream)).toEqual(summary(fromBlob));
  return fromBlob;
}

const paths = (o: Outcome) => o.records.map((r) => r.entry.path);

describe('readTar: formats', () => {
  it('reads an empty input as an empty archive', async () => {
    const o = await read(new Uint8Array(0));
    expect(o).toEqual({ records: [], warnings: [] });
  });

  it('tolerates missing end-of-archive blocks', async () => {
    const o = await read(concat(file('a', 'x'), file('b', 'y')));
    expect(paths(o)).toEqual(['a', 'b']);
    expect(o.error).toBeUndefined();
  });

  it('hands out Blob bodies as lazy slices and reads bodies only when asked', async () => {
    const bytes = archive(file('a', 'hello'), file('b', 'world!'));
    const records: TarRecord[] = [];
    for await (const r of readTar(new Blob([bytes]), { wantBody: (e) => e.path === 'b' })) records.push(r);
    expect(await records[0].entry.content!.text()).toBe('hello');
    expect(records[0].body).toBeUndefined();
    expect(new TextDecoder().decode(records[1].body)).toBe('world!');
    expect(records.map((r) => [r.headerOffset, r.dataOffset])).toEqual([[0, 512], [1024, 1536]]);
  });

  it('can leave slicing to the caller (sliceContent: false)', async () => {
    const blob = new Blob([archive(file('a', 'hello'), file('empty', ''))]);
    const records: TarRecord[] = [];
    for await (const r of readTar(blob, { sliceContent: false })) records.push(r);
    expect(records[0].entry.content).toBeUndefined();
    expect(await sliceEntry(blob, records[0]).text()).toBe('hello');
    expect(records[1].entry.content?.size).toBe(0);
  });

  it('reads v7 headers, GNU magic and base-256 numbers', async () => {
    const base256 = Uint8Array.of(0x80, 0, 0, 0, 0, 0, 0, 0x01, 0, 0, 0, 0);
    const o = await read(archive(
      file('old', 'v7', { format: 'v7' }),
      header({ name: 'olddir/', type: '\0', format: 'v7' }),
      file('gnu', 'g', { format: 'gnu', raw: { 108: Uint8Array.of(0x80, 0, 0, 0, 0, 0x01, 0, 0) } }),
      header({ name: 'big-mtime', raw: { 136: base256 } }),
    ));
    expect(o.records.map((r) => [r.entry.path, r.entry.type, r.entry.size, r.entry.uid])).toEqual([
      ['old', 'file', 2, 0], ['olddir', 'dir', 0, 0], ['gnu', 'file', 1, 65536], ['big-mtime', 'file', 0, 0],
    ]);
    expect(o.records[3].entry.mtime).toBe(2 ** 32);
  });

  it('applies GNU long names and long link targets to the next entry only', async () => {
    const longName = 'n/'.repeat(80) + 'file';
    const longLink = 't'.repeat(300);
    const o = await read(archive(
      header({ name: '././@LongLink', type: 'L', size: longName.length + 1 }), body(longName + '\0'),
      header({ name: '././@LongLink', type: 'K', size: longLink.length }), body(longLink),
      header({ name: 'truncated-name', type: '2', linkname: 'short' }),
      header({ name: 'next', type: '2', linkname: 'own' }),
    ));
    expect(o.records.map((r) => [r.entry.path, r.entry.linkname, r.headerOffset])).toEqual([
      [longName, longLink, 0], ['next', 'own', 2560],
    ]);
  });

  it('warns when an extended header is followed by the end-of-archive blocks', async () => {
    const o = await read(archive(file('a', ''), pax({ path: 'orphan' })));
    expect(paths(o)).toEqual(['a']);
    expect(o.warnings).toEqual([{ message: 'extended header at offset 512 is not followed by an entry', offset: 512 }]);
  });

  it('does not read bodies over maxBody', async () => {
    const o = await read(archive(file('big', 'x'.repeat(2000)), file('small', 'y')), { wantBody: () => true, maxBody: 1000 });
    expect(o.records.map((r) => [r.entry.path, r.body?.length, r.warnings])).toEqual([
      ['big', undefined, ['body of 2000 bytes not read: over the 1000-byte limit']], ['small', 1, []],
    ]);
  });

  it('rejects more entries than maxEntries and skips paths deeper than maxDepth', async () => {
    const bytes = archive(file('a/b/c/d', ''), file('e', ''), file('f', ''));
    const o = await read(bytes, { maxEntries: 2, maxDepth: 3 });
    expect(paths(o)).toEqual(['e']);
    expect(o.warnings[0]).toEqual({ message: 'entry "a/b/c/d" is deeper than 3 directories (entry at offset 0); skipped', offset: 0 });
    expect(o.error?.message).toBe('archive has more than 2 entries (at offset 1024)');
  });

  it('stops reading a stream early when the consumer stops', async () => {
    let pulled = 0;
    const bytes = archive(file('a', 'x'), file('b', 'y'));
    async function* counting() {
      for await (const chunk of chunksOf(bytes, 512)) {
        pulled++;
        yield chunk;
      }
    }
    for await (const r of readTar(counting())) if (r.entry.path === 'a') break;
    expect(pulled).toBeLessThan(3);
  });
});

describe('hostile 1: oversized extension records are refused before allocation', () => {
  it('PAX record claiming 2 GiB', async () => {
    const o = await read(header({ name: 'PaxHeaders/x', type: 'x', size: 2 ** 31 }));
    expect(o.error?.message).toBe('PAX record of 2147483648 bytes at offset 0 exceeds the 1 MiB limit');
    expect(o.error?.offset).toBe(0);
  });

  it('GNU long name claiming 5 GiB in base-256', async () => {
    const size = Uint8Array.of(0x80, 0, 0, 0, 0, 0, 0, 0x01, 0x40, 0, 0, 0);
    const o = await read(concat(file('ok', 'fine'), header({ name: '././@LongLink', type: 'L', raw: { 124: size } })));
    expect(paths(o)).toEqual(['ok']);
    expect(o.error?.message).toBe('GNU long name record of 5368709120 bytes at offset 1024 exceeds the 1 MiB limit');
  });

  it('a repeated key replaces its value and does not count twice', async () => {
    const big = 'c'.repeat(600 * 1024);
    const o = await read(archive(pax({ comment: big }, 'g'), pax({ comment: big }, 'g'), file('x', '')));
    expect(paths(o)).toEqual(['x']);
  });

  it('a second PAX header replaces the first instead of adding up (Go, GNU tar, bsdtar)', async () => {
    const big = 'c'.repeat(600 * 1024);
    const o = await read(archive(pax({ 'LP.one': big, uid: '5' }), pax({ 'LP.two': big }), file('x', '')));
    expect(o.records.map((r) => [r.entry.path, r.entry.uid, r.warnings])).toEqual([['x', 0, [
      'two PAX headers (offsets 0 and 615424) for one entry: Go, GNU tar and bsdtar use only the second; Python\'s tarfile also applies "LP.one", "uid" from the first',
    ]]]);
  });
});

describe('hostile 2: sparse entries are read as Go reads them, and bad maps refused', () => {
  it('GNU old sparse whose extension block claims regions past the real size is an error, as in Go', async () => {
    const sparseHeader = header({ name: 'sparse', type: 'S', size: 1024, format: 'gnu', raw: { 482: '\x01' } });
    const extension = new Uint8Array(512).fill(0x37);
    extension[504] = 0;
    const o = await read(archive(sparseHeader, extension, new Uint8Array(1024).fill(0x41), file('after', 'ok')));
    expect(paths(o)).toEqual([]);
    expect(o.error?.message).toBe('bad sparse map of "sparse" at offset 0: region 68719476735+68719476735 runs past the real size 0');
  });

  it('GNU old sparse with a valid map: real size, regions and holes composed into the content', async () => {
    const octal = (n: number) => n.toString(8).padStart(11, '0') + '\0';
    const raw = { 386: octal(2) + octal(3), 410: octal(10) + octal(2), 483: octal(16) };
    const o = await read(archive(header({ name: 'holes', type: 'S', size: 5, format: 'gnu', raw }), body('abcde'), file('after', 'ok')), { wantBody: () => true });
    expect(o.records.map((r) => [r.entry.path, r.entry.size, r.warnings])).toEqual([
      ['holes', 16, ['sparse file (GNU old format): 16 bytes, 5 of them stored']], ['after', 2, []],
    ]);
    const expected = '\0\0abc\0\0\0\0\0de\0\0\0\0';
    expect(new TextDecoder().decode(o.records[0].body)).toBe(expected);
    expect(await o.records[0].entry.content!.text()).toBe(expected);
  });

  it.each([
    ['PAX 0.0', { 'GNU.sparse.size': '99999999', 'GNU.sparse.numblocks': '999999999', 'GNU.sparse.offset': '-5' },
      'bad PAX sparse map of the entry at offset 1024: GNU.sparse.numblocks says 999999999 regions, the map has 1 numbers'],
    ['PAX 1.0', { 'GNU.sparse.major': '1', 'GNU.sparse.minor': '0', 'GNU.sparse.realsize': '1', 'GNU.sparse.name': 'real' },
      'unexpected end of archive inside the PAX 1.0 sparse map of the entry at offset 1024'],
  ])('%s map that does not parse is an error, as in Go', async (_label, records, message) => {
    const o = await read(archive(pax(records), file('GNUSparseFile.0/real', 'x'.repeat(700)), file('after', 'ok')));
    expect(paths(o)).toEqual([]);
    expect(o.error?.message).toBe(message);
  });
});

describe('hostile 3: impossible sizes are rejected, never looped on', () => {
  const size = (bytes: number[]) => ({ 124: Uint8Array.of(...bytes) });
  it.each([
    ['negative base-256', size([0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xfe]), 'negative base-256 value'],
    ['base-256 beyond 2^53', size([0x80, 0, 0, 0, 0x01, 0, 0, 0, 0, 0, 0, 0]), 'base-256 value beyond 2^53'],
    ['octal junk', { 124: '0000012x456\0' }, 'junk byte 0x78 in octal field'],
  ])('%s', async (_label, raw, reason) => {
    const o = await read(archive(file('first', 'ok'), header({ name: 'evil', raw })));
    expect(paths(o)).toEqual(['first']);
    expect(o.error?.message).toBe(`bad size field in header of "evil" at offset 1024: ${reason}`);
    expect(o.error?.offset).toBe(1024);
  });

  it.each(['-1', '99999999999999999999', '1e3', ''])('PAX size=%j', async (value) => {
    const records = value === '' ? '9 size=x\n' : { size: value };
    const o = await read(archive(pax(records), file('evil', 'data')));
    const shown = value === '' ? 'x' : value;
    expect(o.error?.message).toBe(`bad PAX size "${shown}" for "evil" in the extended header at offset 0`);
  });
});

describe('hostile 7: truncation at every offset', () => {
  const bytes = archive(pax({ path: 'p'.repeat(120), 'SCHILY.xattr.user.a': 'v' }), file('x', 'hello'), file('etc/motd', 'hi\n'.repeat(200)));
  it('gives "unexpected end" at the cut offset, or the entries read so far at entry boundaries', async () => {
    const whole = await read(bytes);
    // Offsets right after each complete entry (data padded to whole blocks).
    const ends = whole.records.map((r) => r.dataOffset + Math.ceil(r.entry.size / 512) * 512);
    expect(ends).toEqual([2048, 3584]);
    for (let cut = 1; cut < bytes.length; cut++) {
      const o = await read(bytes.slice(0, cut));
      if (cut === ends[0] || cut >= ends[1]) {
        expect(o.error, `cut at ${cut}`).toBeUndefined();
        expect(o.records.length).toBe(cut >= ends[1] ? 2 : 1);
      } else {
        expect(o.error?.message ?? `no error, ${o.records.length} records`, `cut at ${cut}`).toMatch(new RegExp(`^unexpected end of archive at offset ${cut} \\((inside|after) `));
        expect(o.error?.offset).toBe(cut);
      }
    }
  });

  it('names the entry whose header or data was cut', async () => {
    expect((await read(bytes.slice(0, 2100))).error?.message).toBe('unexpected end of archive at offset 2100 (inside header of "etc/motd")');
    expect((await read(bytes.slice(0, 3000))).error?.message).toBe('unexpected end of archive at offset 3000 (inside data of "etc/motd", 600 bytes from offset 2560)');
    expect((await readWith(chunksOf(bytes.slice(0, 3000), 100))).error?.message).toBe('unexpected end of archive at offset 3000 (inside data of "etc/motd")');
    expect((await read(bytes.slice(0, 600))).error?.message).toBe('unexpected end of archive at offset 600 (inside the PAX record at offset 0)');
    expect((await read(bytes.slice(0, 1000))).error?.message).toBe('unexpected end of archive at offset 1000 (inside padding after the PAX record at offset 0)');
  });
});

describe('hostile 8: checksums and zero blocks', () => {
  it('rejects a wrong checksum, naming the offset', async () => {
    const o = await read(archive(file('a', 'x'), header({ name: 'b', badChecksum: true, raw: { 0: 'c' } })));
    expect(paths(o)).toEqual(['a']);
    expect(o.error?.message).toBe('bad header checksum at offset 1024');
  });

  it('accepts a checksum computed over signed bytes (old tars)', async () => {
    const block = header({ name: Uint8Array.of(0x63, 0x61, 0x66, 0xe9) });
    let signed = 0;
    for (let i = 0; i < 512; i++) signed += i >= 148 && i < 156 ? 32 : block[i] >= 128 ? block[i] - 256 : block[i];
    block.set(new TextEncoder().encode(signed.toString(8).padStart(6, '0') + '\0 '), 148);
    const o = await read(archive(block));
    expect(o.error).toBeUndefined();
    expect(o.records[0].rawNameBytes).toEqual(Uint8Array.of(0x63, 0x61, 0x66, 0xe9));
  });

  it('stops at a lone zero block followed by data, like GNU tar, and says so', async () => {
    const o = await read(archive(file('a', 'x'), new Uint8Array(512), file('hidden', 'y')));
    expect(paths(o)).toEqual(['a']);
    expect(o.warnings).toEqual([{
      message: 'lone zero block at offset 1024 is followed by more data; stopped reading there, as GNU tar does (other tools may read further entries)',
      offset: 1024,
    }]);
  });
});

describe('hostile 9: PAX records', () => {
  it.each([
    ['99 path=x\n', 'length 99 runs past the end of the header (10 bytes)'],
    ['11 pathxyz\n', 'no "key=" in record'],
    ['11 path=xy!', 'record does not end with a newline'],
    ['10 pa\0h=x\n', 'NUL byte in key'],
    ['x path=y\n', 'length "x" is not a decimal number'],
  ])('rejects %j', async (text, reason) => {
    const o = await read(archive(pax(text), file('a', '')));
    expect(o.error?.message).toBe(`bad PAX record at byte 0 of the extended header at offset 0: ${reason}`);
  });

  it('rejects a NUL inside a path', async () => {
    const o = await read(archive(pax('15 path=a\0/etc\n'), file('a', '')));
    expect(o.error?.message).toBe('PAX path of "a\0/etc" contains a NUL byte in the extended header at offset 0');
  });

  it('a global header is not applied to later entries (Go), and says who would apply it', async () => {
    const o = await read(archive(pax({ path: 'evil', size: '0', uid: '42' }, 'g'), file('a', 'xy'), file('b', 'z')));
    expect(o.records.map((r) => [r.entry.path, r.entry.uid, r.entry.size])).toEqual([['a', 0, 2], ['b', 0, 1]]);
    expect(o.warnings.map((w) => w.message)).toEqual([
      'global PAX header at offset 0 sets "path", "size", "uid": Go\'s archive/tar (Docker, containerd) and bsdtar ignore it, as this listing does; GNU tar and Python\'s tarfile apply it to every later entry',
    ]);
  });

  it('a local header applies only to the next real entry', async () => {
    const o = await read(archive(pax({ path: 'renamed', uid: '7' }), file('a', ''), file('b', '')));
    expect(o.records.map((r) => [r.entry.path, r.entry.uid, r.rawName])).toEqual([['renamed', 7, 'renamed'], ['b', 0, 'b']]);
  });

  it('the PAX size wins over the ustar size, so no data can hide behind a smaller field', async () => {
    const o = await read(archive(pax({ size: '1030' }), header({ name: 'big', size: 5 }), body('A'.repeat(1030)), file('next', 'n')));
    expect(o.records.map((r) => [r.entry.path, r.entry.size])).toEqual([['big', 1030], ['next', 1]]);
  });
});

describe('hostile 14: names are normalised inside the root', () => {
  it.each([
    ['../../etc/passwd', 'etc/passwd', 'name "../../etc/passwd" points outside the image root; read as "etc/passwd"'],
    ['/etc/shadow', 'etc/shadow', 'name "/etc/shadow" is absolute; read as "etc/shadow"'],
    ['a/../../b', 'b', 'name "a/../../b" points outside the image root; read as "b"'],
    ['a/./../c', 'c', 'name "a/./../c" contains ".."; read as "c"'],
    ['////x', 'x', 'name "////x" is absolute; read as "x"'],
    ['y//z', 'y/z', 'name "y//z" has repeated slashes; read as "y/z"'],
    ['y/./z/.', 'y/z', 'name "y/./z/." is not normalised; read as "y/z"'],
    ['a\\..\\b', 'a\\..\\b', 'name "a\\\\..\\\\b" contains a backslash (kept as part of the name, as Linux does)'],
    ['C:..', 'C:..', 'name "C:.." looks like a Windows drive path (kept as a plain name)'],
  ])('%j', async (name, path, warning) => {
    const o = await read(archive(file(name, 'x')));
    expect(o.records[0].entry.path).toBe(path);
    expect(o.records[0].warnings).toEqual([warning]);
    expect(o.records[0].rawName).toBe(name);
  });

  it('skips the root itself: silently for "./", with a warning for an empty-named file', async () => {
    const o = await read(archive(header({ name: './', type: '5' }), file('', 'x'), header({ name: '../', type: '5' }), file('./ok', '')));
    expect(paths(o)).toEqual(['ok']);
    expect(o.records[0].warnings).toEqual([]);
    expect(o.warnings.map((w) => w.message)).toEqual(['entry "" names the image root (entry at offset 512); skipped']);
  });

  it('normalises hardlink targets too', async () => {
    const o = await read(archive(file('t', 'x'), header({ name: 'l', type: '1', linkname: '../../t' })));
    expect(o.records[1].entry.linkname).toBe('t');
    expect(o.records[1].warnings).toEqual(['hardlink target: name "../../t" points outside the image root; read as "t"']);
  });
});

describe('hostile 16: duplicates', () => {
  it('warns on the later of two equal paths and on names equal after NFC', async () => {
    const o = await read(archive(file('a', '1'), file('./a', '2'), file('caf\u00e9', ''), file('cafe\u0301', '')));
    expect(o.records.map((r) => r.warnings)).toEqual([
      [], ['duplicate path "a"; this later entry wins'],
      [], ['"cafe\u0301" and "caf\u00e9" are the same name after Unicode normalisation; this later entry wins'],
    ]);
  });
});

describe('hostile 17: whiteouts', () => {
  it('reads whiteouts and opaque markers wherever they stand', async () => {
    const o = await read(archive(file('d/x', ''), file('d/.wh.gone', ''), file('d/.wh..wh..opq', ''), file('.wh..hidden', '')));
    expect(o.records.map((r) => [r.entry.type, r.entry.path])).toEqual([
      ['file', 'd/x'], ['whiteout', 'd/gone'], ['opaque', 'd'], ['whiteout', '.hidden'],
    ]);
  });

  it('skips bare .wh. names with a warning and keeps reading', async () => {
    const o = await read(archive(file('d/.wh.', ''), file('.wh..', ''), file('e/.wh...', ''), file('.wh..wh.plnk', ''), file('ok', '')));
    expect(paths(o)).toEqual(['ok']);
    expect(o.warnings.map((w) => [w.message, w.offset])).toEqual([
      ['whiteout "d/.wh." names no file (entry at offset 0); skipped', 0],
      ['whiteout ".wh.." names no file (entry at offset 512); skipped', 512],
      ['whiteout "e/.wh..." names no file (entry at offset 1024); skipped', 1024],
      ['".wh..wh.plnk" is an AUFS metadata name, not a whiteout (entry at offset 1536); skipped', 1536],
    ]);
  });
});

describe('hostile 18: unusual bytes in names', () => {
  it('decodes invalid UTF-8 with replacement characters and keeps the raw bytes', async () => {
    const raw = Uint8Array.of(0x62, 0xff, 0xfe, 0x2e, 0x74);
    const o = await read(archive(header({ name: raw })));
    expect(o.records[0].entry.path).toBe('b\uFFFD\uFFFD.t');
    expect(o.records[0].rawNameBytes).toEqual(raw);
    expect(o.records[0].warnings).toEqual(['name "b\uFFFD\uFFFD.t" is not valid UTF-8; invalid bytes shown as U+FFFD (raw bytes kept)']);
  });

  it.each(['line\nbreak', 'evil\u202Etxt.exe', 'bell\u0007'])('warns about control and bidi characters in %j', async (name) => {
    const o = await read(archive(pax({ path: name }), file('x', '')));
    expect(o.records[0].entry.path).toBe(name);
    expect(o.records[0].warnings).toEqual([`name ${JSON.stringify(name)} contains control or bidi characters`]);
  });
});
