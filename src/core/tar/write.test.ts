// Writer: order, parents, PAX only where needed, validation, determinism, and a round trip
// through our reader. GNU tar's view of the same bytes is in tar.oracle.test.ts.

import { describe, expect, it } from 'vitest';
import type { FsEntry } from '../fs/entry.ts';
import { chunksOf } from '../../test-support/bytes.ts';
import { readTar, type TarRecord } from './read.ts';
import { compareUtf8 } from './order.ts';
import { normalizeEntries, tarBlob, tarParts } from './write.ts';

const base = { mode: 0o644, uid: 0, gid: 0, size: 0 } as const;
const fileOf = (path: string, text: string, extra: Partial<FsEntry> = {}): FsEntry => ({
  ...base, path, type: 'file', size: new TextEncoder().encode(text).length, content: new Blob([text]), ...extra,
});

async function readAll(blob: Blob): Promise<TarRecord[]> {
  const out: TarRecord[] = [];
  for await (const r of readTar(blob)) out.push(r);
  return out;
}

/** Typeflags of every header block in the archive, in order (PAX headers included). */
async function typeflags(blob: Blob): Promise<string[]> {
  const bytes = new Uint8Array(await blob.arrayBuffer());
  const flags: string[] = [];
  for (let at = 0; at + 512 <= bytes.length && bytes[at] !== 0;) {
    const size = parseInt(new TextDecoder().decode(bytes.subarray(at + 124, at + 135)), 8);
    flags.push(String.fromCharCode(bytes[at + 156]));
    at += 512 + (bytes[at + 156] === 0x35 || bytes[at + 156] === 0x32 ? 0 : Math.ceil(size / 512) * 512);
  }
  return flags;
}

const sample: FsEntry[] = [
  fileOf('etc/motd', 'hello\n'),
  { ...base, path: 'usr/bin/sh', type: 'symlink', mode: 0o777, linkname: '/bin/busybox' },
  { ...base, path: 'bin/busybox', type: 'hardlink', mode: 0o755, linkname: 'usr/lib/busybox' },
  fileOf('usr/lib/busybox', '#!/bin/true\n', { mode: 0o4755, uid: 1000, gid: 1000 }),
  { ...base, path: 'var/empty', type: 'dir', mode: 0o1777, mtime: 5 },
  { ...base, path: 'var/old', type: 'whiteout' },
  { ...base, path: 'opt', type: 'opaque' },
  { ...base, path: 'opt', type: 'dir', mode: 0o700 },
  { ...base, path: 'opt/-x', type: 'fifo' },
  { ...base, path: 'dev/null', type: 'char', devmajor: 1, devminor: 3 },
  { ...base, path: 'dev/sda', type: 'block', devmajor: 8, devminor: 0 },
  fileOf('a-b', 'dash'),
  fileOf('a/b', 'slash'),
  fileOf(`${'long-directory-name/'.repeat(8)}file.txt`, 'deep'),
  fileOf('данные/файл.txt', 'utf-8 name', { uname: 'пользователь', gname: 'staff' }),
  { ...base, path: 'l', type: 'symlink', linkname: `${'t'.repeat(150)}/ü` },
  fileOf('ids', '', { uid: 8 ** 7, gid: 2 ** 40, mtime: -86_400, xattrs: { 'user.bin': Uint8Array.of(0, 255, 10) } }),
];

describe('tarBlob', () => {
  it('orders depth-first by UTF-8 bytes, adds parents, puts opaque first and hardlinks after targets', () => {
    const order = normalizeEntries(sample).map((e) => {
      const mark = e.type === 'opaque' ? '[opq]' : e.type === 'whiteout' ? '[wh]' : '';
      return mark + e.path.replaceAll('long-directory-name', 'L');
    });
    expect(order).toEqual([
      'a', 'a/b', 'a-b', 'bin', 'dev', 'dev/null', 'dev/sda', 'etc', 'etc/motd', 'ids', 'l',
      'L', 'L/L', 'L/L/L', 'L/L/L/L', 'L/L/L/L/L', 'L/L/L/L/L/L', 'L/L/L/L/L/L/L', 'L/L/L/L/L/L/L/L', 'L/L/L/L/L/L/L/L/file.txt',
      'opt', '[opq]opt', 'opt/-x', 'usr', 'usr/bin', 'usr/bin/sh', 'usr/lib', 'usr/lib/busybox', 'bin/busybox',
      'var', '[wh]var/old', 'var/empty', 'данные', 'данные/файл.txt',
    ]);
    const added = normalizeEntries(sample).find((e) => e.path === 'usr');
    expect(added).toEqual({ path: 'usr', type: 'dir', mode: 0o755, uid: 0, gid: 0, size: 0 });
  });

  it('round-trips every entry type through the reader', async () => {
    const blob = tarBlob(sample, { mtime: 1_700_000_000 });
    const records = await readAll(blob);
    const expected = normalizeEntries(sample).map(({ content: _content, ...e }) => ({ ...e, mtime: e.mtime ?? 1_700_000_000 }));
    expect(records.map(({ entry: { content: _content, ...e } }) => e)).toEqual(expected);
    expect(records.flatMap((r) => r.warnings)).toEqual([]);
    const texts = await Promise.all(records.filter((r) => r.entry.type === 'file').map(async (r) => [r.entry.path, await r.entry.content!.text()]));
    expect(Object.fromEntries(texts)).toMatchObject({ 'etc/motd': 'hello\n', 'данные/файл.txt': 'utf-8 name', 'a-b': 'dash' });
  });

  it('writes PAX headers only for values ustar cannot hold', async () => {
    const plain = tarBlob([fileOf(`${'d/'.repeat(70)}f`, 'x'), fileOf('x'.repeat(100), 'y')], { mtime: 0 });
    expect((await typeflags(plain)).filter((f) => f === 'x')).toEqual([]);
    const cases: FsEntry[] = [
      fileOf('x'.repeat(101), ''),
      fileOf('é', ''),
      { ...base, path: 'l', type: 'symlink', linkname: 'y'.repeat(101) },
      fileOf('u', '', { uid: 8 ** 7 }),
      fileOf('n', '', { uname: 'u'.repeat(32) }),
      fileOf('a', '', { xattrs: { 'user.a': new Uint8Array(1) } }),
    ];
    for (const entry of cases) expect(await typeflags(tarBlob([entry], { mtime: 0 })), entry.path).toEqual(['x', entry.type === 'symlink' ? '2' : '0']);
  });

  it('is deterministic: same entries in any order give identical bytes', async () => {
    const bytes = async (entries: FsEntry[]) => new Uint8Array(await tarBlob(entries, { mtime: 0 }).arrayBuffer());
    const first = await bytes(sample);
    expect(await bytes(sample)).toEqual(first);
    expect(await bytes([...sample].reverse())).toEqual(first);
    expect(await bytes(sample.map((e) => ({ ...e, mtime: e.mtime ?? 1 })))).not.toEqual(first);
  });

  it.each([
    [[fileOf('a', '1'), fileOf('a', '2')], 'duplicate path "a" in layer'],
    [[{ ...base, path: 'a', type: 'opaque' }, { ...base, path: 'a', type: 'opaque' }], 'duplicate opaque marker for "a" in layer'],
    [[fileOf('a', '1'), { ...base, path: 'a', type: 'whiteout' }], 'duplicate path "a" in layer'],
    [[fileOf('a', '1'), fileOf('a/b', '2')], '"a/b" needs "a" to be a directory, but it is a file'],
    [[fileOf('../x', '')], 'invalid entry path "../x": must be relative, without empty, "." or ".." segments or NUL'],
    [[fileOf('/x', '')], 'invalid entry path "/x": must be relative, without empty, "." or ".." segments or NUL'],
    [[fileOf('d/.wh.x', '')], 'invalid entry path "d/.wh.x": names starting with ".wh." are reserved for whiteouts'],
    [[{ ...fileOf('f', 'abc'), size: 2 }], 'cannot write "f": size is 2 but its content has 3 bytes'],
    [[{ ...base, path: 's', type: 'symlink' }], 'cannot write "s": symlink has no target'],
    [[{ ...base, path: 'h', type: 'hardlink', linkname: '/etc/passwd' }], 'cannot write "h": hardlink target "/etc/passwd" is not a normalised image path'],
    [[fileOf('m', '', { mode: 0o10000 })], 'cannot write "m": mode 4096 is not within 0o7777'],
    [[fileOf('x', '', { xattrs: { 'a=b': new Uint8Array(0) } })], 'cannot write "x": extended attribute name "a=b" cannot be stored in PAX'],
    [[{ ...base, path: 'c', type: 'char', devmajor: -1 }], 'cannot write "c": device number -1 does not fit ustar'],
    [[fileOf('f', '', { linkname: 'x' })], 'cannot write "f": a file cannot have a link target'],
  ] as Array<[FsEntry[], string]>)('refuses %#: %s', (entries, message) => {
    expect(() => tarBlob(entries, { mtime: 0 })).toThrow(message);
  });
});

describe('compareUtf8', () => {
  it('orders like the UTF-8 bytes, also for characters outside the BMP', () => {
    const samples = ['a', 'b', '\uFFFD', '\u{1F600}', '\uE000', '\u00e9', 'a\u{10000}', 'a\uFFFF', '', 'z/'];
    const byBytes = [...samples].sort((x, y) => Buffer.compare(Buffer.from(x), Buffer.from(y)));
    expect([...samples].sort(compareUtf8)).toEqual(byBytes);
    expect([...samples].sort()).not.toEqual(byBytes);
  });
});

describe('tarParts with an 8 GiB file', () => {
  // Node's Blob stops at 4 GiB, so the content is a stand-in that only has a size: the writer
  // must never look at more than that.
  const size = 8 * 1024 ** 3 + 1;
  const content = { size } as Blob;
  const parts = tarParts([{ ...base, path: 'big', type: 'file', size, content }], { mtime: 0 });

  it('references the content instead of copying it and records the size in PAX', async () => {
    expect(parts.indexOf(content)).toBe(1);
    const headers = parts[0] as Uint8Array<ArrayBuffer>;
    expect(headers.length).toBe(1536);
    expect(new TextDecoder().decode(headers.subarray(512, 1024))).toContain('size=8589934593\n');
    const records: TarRecord[] = [];
    await expect(async () => {
      for await (const r of readTar(chunksOf(headers, 512))) records.push(r);
    }).rejects.toThrow('unexpected end of archive at offset 1536 (inside data of "big")');
    expect([records[0].entry.path, records[0].entry.size, records[0].dataOffset]).toEqual(['big', size, 1536]);
  });
});
