import { describe, expect, it } from 'vitest';
import { deflateSync, zipSync } from 'fflate';
import { crc32, deflateRawSync } from 'node:zlib';
import { openZipArchive } from './read.ts';

const enc = new TextEncoder();
const text = async (b: Blob) => new TextDecoder().decode(new Uint8Array(await b.arrayBuffer()));

interface FixtureEntry {
  name: string;
  data: Uint8Array;
  method?: 0 | 8 | 12;
  symlink?: boolean;
  /** Patch the local header after building it (to make it disagree). */
  local?: (view: DataView) => void;
  centralOffset?: number;
  /** Declared uncompressed size in both headers (defaults to the real one). */
  size?: number;
  /** Declared CRC-32 in both headers (defaults to the real one). */
  crc?: number;
}

/** A minimal zip writer for fixtures, so every field can be made hostile. */
function buildZip(entries: FixtureEntry[], patchEnd?: (view: DataView) => void): Blob {
  const parts: Uint8Array[] = [];
  const central: Uint8Array[] = [];
  let offset = 0;
  for (const e of entries) {
    const name = enc.encode(e.name);
    const method = e.method ?? 0;
    const body = method === 8 ? deflateSync(e.data) : e.data;
    const local = new Uint8Array(30 + name.length);
    const lv = new DataView(local.buffer);
    lv.setUint32(0, 0x04034b50, true);
    lv.setUint16(8, method, true);
    lv.setUint32(14, e.crc ?? crc32(e.data), true);
    lv.setUint32(18, body.length, true);
    lv.setUint32(22, e.size ?? e.data.length, true);
    lv.setUint16(26, name.length, true);
    local.set(name, 30);
    e.local?.(lv);
    const cd = new Uint8Array(46 + name.length);
    const cv = new DataView(cd.buffer);
    cv.setUint32(0, 0x02014b50, true);
    cv.setUint16(4, e.symlink ? 0x0314 : 0x0014, true);
    cv.setUint16(10, method, true);
    cv.setUint32(16, e.crc ?? crc32(e.data), true);
    cv.setUint32(20, body.length, true);
    cv.setUint32(24, e.size ?? e.data.length, true);
    cv.setUint16(28, name.length, true);
    cv.setUint32(38, (e.symlink ? 0o120777 : 0o100644) << 16, true);
    cv.setUint32(42, e.centralOffset ?? offset, true);
    cd.set(name, 46);
    central.push(cd);
    parts.push(local, body);
    offset += local.length + body.length;
  }
  const cdSize = central.reduce((n, c) => n + c.length, 0);
  const end = new Uint8Array(22);
  const ev = new DataView(end.buffer);
  ev.setUint32(0, 0x06054b50, true);
  ev.setUint16(8, entries.length, true);
  ev.setUint16(10, entries.length, true);
  ev.setUint32(12, cdSize, true);
  ev.setUint32(16, offset, true);
  patchEnd?.(ev);
  return new Blob([...parts, ...central, end] as BlobPart[]);
}

describe('openZipArchive', () => {
  it('reads stored and deflated entries written by fflate, and follows symlinks', async () => {
    const real = zipSync({ 'index.json': enc.encode('{"a":1}'), 'blobs/sha256/x': [enc.encode('x'.repeat(5000)), { level: 6 }] });
    const zip = await openZipArchive(new Blob([real as BlobPart]));
    expect(zip.names().sort()).toEqual(['blobs/sha256/x', 'index.json']);
    expect(await text((await zip.open('index.json'))!.blob)).toBe('{"a":1}');
    expect(await text((await zip.open('blobs/sha256/x'))!.blob)).toBe('x'.repeat(5000));
    expect(await zip.open('nope')).toBeUndefined();

    const linked = await openZipArchive(buildZip([
      { name: 'a/layer.tar', data: enc.encode('LAYER') },
      { name: 'b/layer.tar', data: enc.encode('../a/layer.tar'), symlink: true },
    ]));
    const opened = await linked.open('b/layer.tar');
    expect(opened?.path).toBe('a/layer.tar');
    expect(opened?.viaLinks).toEqual(['b/layer.tar']);
    expect(await text(opened!.blob)).toBe('LAYER');
  });

  it('skips zip-slip names with an error naming the entry', async () => {
    const zip = await openZipArchive(buildZip([
      { name: '../../etc/passwd', data: enc.encode('x') },
      { name: '/abs', data: enc.encode('x') },
      { name: 'ok', data: enc.encode('x') },
    ]));
    expect(zip.names()).toEqual(['ok']);
    expect(zip.problems.map((p) => p.where)).toEqual(['zip entry "../../etc/passwd"', 'zip entry "/abs"']);
    expect(zip.problems[0].message).toMatch(/zip slip/);
  });

  it('refuses an end record claiming millions of entries before reading them', async () => {
    const blob = buildZip([{ name: 'a', data: enc.encode('x') }], (v) => {
      v.setUint16(8, 0xfffe, true);
      v.setUint16(10, 0xfffe, true);
    });
    await expect(openZipArchive(blob)).rejects.toThrow(/claims 65534 entries but the 47-byte central directory has room for at most 1/);
  });

  it('reports a central directory that disagrees with the local header', async () => {
    const zip = await openZipArchive(buildZip([
      { name: 'a', data: enc.encode('hello'), local: (v) => v.setUint32(22, 999, true) },
      { name: 'b', data: enc.encode('hello'), local: (v) => v.setUint16(8, 8, true) },
    ]));
    await expect(zip.open('a')).rejects.toThrow(/zip entry a \(local header at offset 0\): central directory and local header disagree about the size \(5 vs 999\)/);
    await expect(zip.open('b')).rejects.toThrow(/disagree about the compression method \(0 vs 8\)/);
  });

  it('marks overlapping entries (the zip-bomb trick) as broken', async () => {
    const zip = await openZipArchive(buildZip([
      { name: 'a', data: enc.encode('hello world') },
      { name: 'b', data: enc.encode('hello world'), centralOffset: 0 },
    ]));
    expect(zip.problems.some((p) => /overlaps entry/.test(p.message))).toBe(true);
    await expect(zip.open('a')).rejects.toThrow(/overlaps entry b at offset 0|overlaps entry a at offset 0/);
  });

  it('refuses Zip64 and unsupported methods with clear messages', async () => {
    const zip64 = buildZip([{ name: 'a', data: enc.encode('x') }], (v) => v.setUint32(16, 0xffffffff, true));
    await expect(openZipArchive(zip64)).rejects.toThrow(/Zip64 archive .* not supported/);
    const bz = await openZipArchive(buildZip([{ name: 'a', data: enc.encode('x'), method: 12 }]));
    expect(bz.problems[0]).toMatchObject({ severity: 'error', where: 'zip entry a' });
    await expect(bz.open('a')).rejects.toThrow(/compression method 12 \(bzip2\)/);
  });

  it('refuses a deflate entry that inflates past its declared size (bomb)', async () => {
    const zip = await openZipArchive(buildZip([{ name: 'bomb', data: new Uint8Array(1_000_000), method: 8, size: 10 }]));
    await expect(zip.open('bomb')).rejects.toThrow(/zip entry bomb \(local header at offset 0\): inflates to more than the declared 10 bytes/);
  });

  it('checks the CRC-32 of stored and deflated data against the directory, as unzip does', async () => {
    const zip = await openZipArchive(buildZip([
      { name: 'stored', data: enc.encode('hello'), crc: 0x12345678 },
      { name: 'deflated', data: enc.encode('hello '.repeat(100)), method: 8, crc: 1 },
      { name: 'fine', data: enc.encode('hello '.repeat(100)), method: 8 },
    ]));
    await expect(zip.open('stored')).rejects.toThrow(`zip entry stored (local header at offset 0): CRC-32 of the data is ${crc32('hello').toString(16).padStart(8, '0')}, the central directory says 12345678 (corrupt entry)`);
    await expect(zip.open('deflated')).rejects.toThrow(/zip entry deflated \(local header at offset 41\): CRC-32 of the data is [0-9a-f]{8}, the central directory says 00000001/);
    expect(await text((await zip.open('fine'))!.blob)).toBe('hello '.repeat(100));
  });

  it('measures a JSON document while it inflates: a 200 MiB index.json bomb stops at the document limit', async () => {
    const bomb = new Uint8Array(deflateRawSync(new Uint8Array(200 * 1024 * 1024)));
    const honest = await openZipArchive(new Blob([zipWithRaw('index.json', bomb, 200 * 1024 * 1024)] as BlobPart[]));
    await expect(honest.open('index.json')).rejects.toThrow(/declares 209715200 bytes, over the 4194304-byte limit for JSON documents; not inflated/);
    const lying = await openZipArchive(new Blob([zipWithRaw('index.json', bomb, 1000)] as BlobPart[]));
    const before = process.memoryUsage().arrayBuffers;
    await expect(lying.open('index.json')).rejects.toThrow(/inflates to more than the declared 1000 bytes/);
    expect(process.memoryUsage().arrayBuffers - before).toBeLessThan(64 * 1024 * 1024);
  });

  it('refuses corrupt deflate data with zlib\'s reason', async () => {
    const zip = await openZipArchive(buildZip([{ name: 'x', data: enc.encode('x'.repeat(3000)), method: 8 }]));
    const good = await zip.open('x');
    expect(good?.blob.size).toBe(3000);
    const raw = new Uint8Array(deflateSync(enc.encode('x'.repeat(3000))));
    raw[0] = 0x07; // BFINAL=1, BTYPE=11: reserved
    const bad = await openZipArchive(new Blob([zipWithRaw('x', raw, 3000)] as BlobPart[]));
    await expect(bad.open('x')).rejects.toThrow(/zip entry x \(local header at offset 0\): corrupt deflate data \(invalid block type/);
  });

  it('rejects non-zip input', async () => {
    await expect(openZipArchive(new Blob(['not a zip at all']))).rejects.toThrow(/no end-of-central-directory record/);
  });
});

/** A one-entry deflate zip around already-compressed bytes. */
function zipWithRaw(name: string, raw: Uint8Array, size: number): Uint8Array {
  const n = enc.encode(name);
  const local = new Uint8Array(30 + n.length);
  const lv = new DataView(local.buffer);
  lv.setUint32(0, 0x04034b50, true);
  lv.setUint16(8, 8, true);
  lv.setUint32(18, raw.length, true);
  lv.setUint32(22, size, true);
  lv.setUint16(26, n.length, true);
  local.set(n, 30);
  const cd = new Uint8Array(46 + n.length);
  const cv = new DataView(cd.buffer);
  cv.setUint32(0, 0x02014b50, true);
  cv.setUint16(10, 8, true);
  cv.setUint32(20, raw.length, true);
  cv.setUint32(24, size, true);
  cv.setUint16(28, n.length, true);
  cd.set(n, 46);
  const end = new Uint8Array(22);
  const ev = new DataView(end.buffer);
  ev.setUint32(0, 0x06054b50, true);
  ev.setUint16(8, 1, true);
  ev.setUint16(10, 1, true);
  ev.setUint32(12, cd.length, true);
  ev.setUint32(16, local.length + raw.length, true);
  return new Uint8Array(Buffer.concat([local, raw, cd, end]));
}
