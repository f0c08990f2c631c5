// Oracle: GNU tar judges our bytes, and archives GNU tar wrote judge our reader.
// Listings run with TZ=UTC, LC_ALL=C.UTF-8, --numeric-owner and literal quoting so they are exact.

import { spawnSync } from 'node:child_process';
import { lstatSync, mkdirSync, readFileSync, readlinkSync, symlinkSync, linkSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import type { FsEntry } from '../fs/entry.ts';
import { chunksOf } from '../../test-support/bytes.ts';
import { makeTempDir, requireTool, runTool } from '../../test-support/oracle.ts';
import { readTar, type TarRecord } from './read.ts';
import { normalizeEntries, tarBlob, tarParts } from './write.ts';

const hasTar = requireTool('tar');
const env = { ...process.env, TZ: 'UTC', LC_ALL: 'C.UTF-8' };
const LIST = ['--numeric-owner', '--quoting-style=literal', '-tvf'];

interface Line { mode: string; owner: string; size: number; name: string; link?: string }

function gnuList(archive: string): Line[] {
  const result = spawnSync('tar', [...LIST, archive], { env, encoding: 'utf8' });
  if (result.status !== 0) throw new Error(`tar -tv failed: ${result.stderr}`);
  return parseListing(result.stdout);
}

function parseListing(stdout: string): Line[] {
  return stdout.split('\n').filter(Boolean).map((line) => {
    const m = /^(\S{10}) (\d+\/\d+) +(\d+) \d{4}-\d\d-\d\d \d\d:\d\d (.*?)(?: (?:->|link to) (.*))?$/.exec(line);
    if (!m) throw new Error(`unexpected tar -tv line: ${line}`);
    return { mode: m[1], owner: m[2], size: Number(m[3]), name: m[4], ...(m[5] === undefined ? {} : { link: m[5] }) };
  });
}

const TYPE_CHARS: Record<string, string> = { file: '-', whiteout: '-', opaque: '-', dir: 'd', symlink: 'l', hardlink: 'h', char: 'c', block: 'b', fifo: 'p' };

function modeString(type: string, mode: number): string {
  const bit = (mask: number, c: string) => (mode & mask ? c : '-');
  const special = (exec: number, flag: number, set: string) =>
    mode & flag ? (mode & exec ? set : set.toUpperCase()) : bit(exec, 'x');
  return TYPE_CHARS[type] + bit(0o400, 'r') + bit(0o200, 'w') + special(0o100, 0o4000, 's')
    + bit(0o40, 'r') + bit(0o20, 'w') + special(0o10, 0o2000, 's')
    + bit(0o4, 'r') + bit(0o2, 'w') + special(0o1, 0o1000, 't');
}

/** What GNU tar should list for one of our entries. */
function expectedLine(entry: FsEntry): Line {
  const name = { dir: `${entry.path}/`, whiteout: entry.path.replace(/([^/]*)$/, '.wh.$1'), opaque: `${entry.path}/.wh..wh..opq` }[entry.type as string] ?? entry.path;
  return {
    mode: modeString(entry.type, entry.mode),
    owner: `${entry.uid}/${entry.gid}`,
    size: entry.type === 'char' || entry.type === 'block' ? NaN : entry.size,
    name,
    ...(entry.linkname === undefined ? {} : { link: entry.linkname }),
  };
}

const base = { mode: 0o644, uid: 0, gid: 0, size: 0 } as const;
const text = (path: string, content: string, extra: Partial<FsEntry> = {}): FsEntry => ({
  ...base, path, type: 'file', size: Buffer.byteLength(content), content: new Blob([content]), ...extra,
});
const longPath = `${'deep-directory/'.repeat(10)}and-a-file-name-that-is-also-quite-long.txt`;
const layer: FsEntry[] = [
  text('etc/motd', 'hello from layerpad\n'),
  text(longPath, 'far down\n', { mode: 0o600, uid: 1000, gid: 1000 }),
  text('docs/Ünïcødé — 日本語.txt', 'utf-8\n'),
  { ...base, path: 'bin/sh', type: 'symlink', mode: 0o777, linkname: '/bin/busybox' },
  { ...base, path: 'bin/busybox', type: 'hardlink', mode: 0o755, linkname: 'usr/bin/real' },
  text('usr/bin/real', '#!/bin/sh\necho hi\n', { mode: 0o4755 }),
  { ...base, path: 'var/empty', type: 'dir', mode: 0o1777 },
  { ...base, path: 'var/cache/old', type: 'whiteout', mode: 0 },
  { ...base, path: 'opt/app', type: 'opaque', mode: 0 },
  { ...base, path: 'link-long', type: 'symlink', mode: 0o777, linkname: `../${'t'.repeat(120)}` },
];
const MTIME = 1_700_000_000;

describe.skipIf(!hasTar)('GNU tar reads our tars', () => {
  const dir = makeTempDir('tar-oracle-write');
  afterAll(() => dir.remove());
  const archive = join(dir.path, 'layer.tar');

  it('lists names, modes, owners, sizes and link targets as we wrote them', async () => {
    writeFileSync(archive, new Uint8Array(await tarBlob(layer, { mtime: MTIME }).arrayBuffer()));
    const listed = gnuList(archive);
    const expected = normalizeEntries(layer).map(expectedLine);
    expect(listed).toEqual(expected);
    expect(listed.some((l) => l.name.length >= 150)).toBe(true);
    const stamp = spawnSync('tar', ['--full-time', ...LIST, archive], { env, encoding: 'utf8' }).stdout;
    expect(stamp.split('\n').filter(Boolean).every((l) => l.includes('2023-11-14 22:13:20'))).toBe(true);
  });

  it('extracts to exactly those files (checked with lstat)', () => {
    const out = join(dir.path, 'out');
    mkdirSync(out);
    runTool('tar', ['-xpf', archive, '-C', out, '--no-same-owner']);
    const stat = (p: string) => lstatSync(join(out, p));
    expect(readFileSync(join(out, longPath), 'utf8')).toBe('far down\n');
    expect(stat(longPath).mode & 0o7777).toBe(0o600);
    expect(readFileSync(join(out, 'docs/Ünïcødé — 日本語.txt'), 'utf8')).toBe('utf-8\n');
    expect(readlinkSync(join(out, 'bin/sh'))).toBe('/bin/busybox');
    expect(readlinkSync(join(out, 'link-long'))).toBe(`../${'t'.repeat(120)}`);
    expect(stat('bin/busybox').ino).toBe(stat('usr/bin/real').ino);
    expect(stat('usr/bin/real').mode & 0o7777).toBe(0o4755);
    expect(stat('var/empty').isDirectory()).toBe(true);
    expect(stat('var/empty').mode & 0o7777).toBe(0o1777);
    expect(stat('var/cache/.wh.old').isFile()).toBe(true);
    expect(stat('opt/app/.wh..wh..opq').isFile()).toBe(true);
    expect(stat('etc/motd').mtimeMs).toBe(MTIME * 1000);
  });

  it('lists the PAX size of an 8 GiB entry (headers only: Node Blobs stop at 4 GiB)', () => {
    const size = 8 * 1024 ** 3 + 1;
    const parts = tarParts([{ ...base, path: 'big', type: 'file', size, content: { size } as Blob }], { mtime: MTIME });
    const headers = parts[0] as Uint8Array<ArrayBuffer>;
    expect(parts[1]).toHaveProperty('size', size);
    const result = spawnSync('tar', [...LIST, '-'], { env, input: headers, encoding: 'utf8' });
    expect(parseListing(result.stdout)).toEqual([{ mode: '-rw-r--r--', owner: '0/0', size, name: 'big' }]);
    expect(result.stderr).toContain('Unexpected EOF');
  });
});

describe.skipIf(!hasTar)('our reader reads tars GNU tar wrote', () => {
  const dir = makeTempDir('tar-oracle-read');
  afterAll(() => dir.remove());
  const src = join(dir.path, 'src');
  const longDir = `${'x'.repeat(90)}/${'y'.repeat(90)}/${'z'.repeat(90)}`;
  mkdirSync(join(src, longDir), { recursive: true });
  mkdirSync(join(src, 'empty'));
  writeFileSync(join(src, longDir, `${'f'.repeat(120)}.txt`), 'deep\n'.repeat(300));
  writeFileSync(join(src, 'ünï.txt'), 'u');
  symlinkSync(`${'target/'.repeat(30)}end`, join(src, 'long-link'));
  linkSync(join(src, 'ünï.txt'), join(src, 'hard'));

  /** Our records in `tar -tv` form; GNU tar prints the root as "./" and names with "./". */
  const ourLines = (records: TarRecord[]): Line[] => records.map(({ entry }) => ({
    mode: modeString(entry.type, entry.mode),
    owner: `${entry.uid}/${entry.gid}`,
    size: entry.size,
    name: `./${entry.path}${entry.type === 'dir' ? '/' : ''}`,
    ...(entry.linkname === undefined ? {} : { link: entry.type === 'hardlink' ? `./${entry.linkname}` : entry.linkname }),
  }));

  it.each(['posix', 'gnu'])('--format=%s with long names and long link targets', async (format) => {
    const archive = join(dir.path, `${format}.tar`);
    runTool('tar', [`--format=${format}`, '--sort=name', '-C', src, '-cf', archive, '.']);
    const listed = gnuList(archive).filter((l) => l.name !== './');
    expect(listed.some((l) => l.name.length > 300)).toBe(true);
    expect(listed.some((l) => (l.link ?? '').length > 200)).toBe(true);
    const bytes = readFileSync(archive);
    for (const source of [new Blob([bytes]), chunksOf(bytes, 1000)]) {
      const records: TarRecord[] = [];
      for await (const r of readTar(source, { onWarning: (m) => { throw new Error(m); } })) records.push(r);
      expect(ourLines(records)).toEqual(listed);
      expect(records.flatMap((r) => r.warnings)).toEqual([]);
    }
  });

  it.each([['gnu', 'S'], ['posix', '1.0'], ['posix', '0.1']])('reads a --sparse file (%s, %s) with its holes, as Go does, and reads on', async (format, version) => {
    const sparseSrc = join(dir.path, `sparse-${format}-${version}`);
    mkdirSync(sparseSrc);
    const hole = join(sparseSrc, 'holes');
    writeFileSync(hole, '');
    spawnSync('truncate', ['-s', '4M', hole]);
    writeFileSync(hole, 'data', { flag: 'a' });
    writeFileSync(join(sparseSrc, 'zz-after'), 'after\n');
    const archive = join(dir.path, `sparse-${format}-${version}.tar`);
    const versionArgs = version === 'S' ? [] : [`--sparse-version=${version}`];
    runTool('tar', [`--format=${format}`, '--sparse', ...versionArgs, '--sort=name', '-C', sparseSrc, '-cf', archive, 'holes', 'zz-after']);
    const warnings: string[] = [];
    const records: TarRecord[] = [];
    for await (const r of readTar(new Blob([readFileSync(archive)]), { wantBody: () => true, onWarning: (m) => warnings.push(m) })) records.push(r);
    const holes = new Uint8Array(4 * 1024 * 1024 + 4);
    holes.set(new TextEncoder().encode('data'), 4 * 1024 * 1024);
    expect(records.map((r) => [r.entry.path.replace(/^.*\//, ''), r.entry.size])).toEqual([['holes', holes.length], ['zz-after', 6]]);
    expect(records[0].body).toEqual(holes);
    expect(new TextDecoder().decode(records[1].body)).toBe('after\n');
    expect(records[0].warnings[0]).toMatch(/^sparse file \((GNU old|PAX 0\.x|PAX 1\.0) format\): 4194308 bytes, \d+ of them stored$/);
    expect(warnings).toEqual([]);
  });
});
