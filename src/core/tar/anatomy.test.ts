import { describe, expect, it } from 'vitest';
import { mkdirSync, openAsBlob, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { tarBlob } from './write.ts';
import { tarAnatomy, type TarAnatomy } from './anatomy.ts';
import { headerChecksum } from './anatomy-header.ts';
import { readTar } from './read.ts';
import { layerEntryAnatomy } from '../inspect/layer-anatomy.ts';
import { buildLayer } from '../build/layer.ts';
import type { FsEntry } from '../fs/entry.ts';
import { chunksOf } from '../../test-support/bytes.ts';
import { makeTempDir, requireTool, runTool } from '../../test-support/oracle.ts';

const LONG = `opt/${'a-very-long-folder-name-that-goes-on/'.repeat(2)}${'x'.repeat(110)}.txt`;
const file = (path: string, text: string): FsEntry => {
  const content = new Blob([text]);
  return { path, type: 'file', mode: 0o644, uid: 0, gid: 0, size: content.size, content };
};

async function placeIn(tar: Blob, path: string) {
  let place;
  let end = 0;
  for await (const r of readTar(tar)) {
    end = r.dataOffset + Math.ceil(r.entry.size / 512) * 512;
    if (r.entry.path === path) place = { path, headerOffset: r.headerOffset, dataOffset: r.dataOffset, dataSize: r.entry.size };
  }
  return { ...place!, entriesEnd: end };
}

const region = (a: TarAnatomy, kind: string) => a.regions.filter((r) => r.kind === kind);

describe('tarAnatomy', () => {
  it('shows a long name as a PAX x header with its path record and why, then the ustar header, data, padding and the end blocks', async () => {
    const text = 'hello\n'.repeat(100); // 600 bytes: two data blocks
    const tar = tarBlob([file('etc/motd', 'hi\n'), file(LONG, text)], { mtime: 0 });
    const bytes = new Uint8Array(await tar.arrayBuffer());
    const anatomy = await tarAnatomy(chunksOf(bytes, 700), await placeIn(tar, LONG));

    const [xHeader] = region(anatomy, 'extension-header');
    expect(xHeader.title).toBe('PAX header (typeflag x)');
    expect(xHeader.spans.find((s) => s.name === 'typeflag')?.value).toMatch(/^PAX extended header/);
    const [records] = region(anatomy, 'extension-body');
    const path = records.spans.find((s) => s.name === 'path')!;
    expect(path.value).toBe(LONG);
    expect(path.meaning).toContain(`the path is ${LONG.length} bytes`);

    const [header] = region(anatomy, 'header');
    const block = bytes.subarray(header.offset, header.offset + 512);
    // The spec's sum, by hand: every byte, the chksum field (148..155) counted as spaces.
    const sum = block.reduce((n, b, i) => n + (i >= 148 && i < 156 ? 0x20 : b), 0);
    expect(header.checksum).toEqual({ computed: sum, stored: sum, ok: true });
    expect(headerChecksum(block)).toBe(sum);
    const stored = new TextDecoder().decode(block.subarray(148, 154));
    expect(parseInt(stored, 8)).toBe(header.checksum!.computed);
    expect(header.spans.map((s) => s.name)).toEqual(['name', 'mode', 'uid', 'gid', 'size', 'mtime', 'chksum', 'typeflag', 'linkname', 'magic', 'version', 'uname', 'gname', 'devmajor', 'devminor', 'prefix', 'unused']);
    expect(header.spans.find((s) => s.name === 'size')?.value).toBe('600');
    expect(header.spans.find((s) => s.name === 'mode')?.value).toBe('0644');

    expect(anatomy.data).toEqual({ offset: header.offset + 512, size: 600, blocks: 2, padding: 424 });
    const [last] = region(anatomy, 'data-last');
    expect(last.spans.map((s) => [s.kind, s.length])).toEqual([['data', 88], ['padding', 424]]);
    expect(anatomy.end).toEqual({ offset: bytes.length - 1024, zeroBlocks: 2, trailing: 0, tarSize: bytes.length });
  });

  it('reads the same from a Blob as from a stream', async () => {
    const tar = tarBlob([file('a', 'x'), file('b', 'y')], { mtime: 0 });
    const place = await placeIn(tar, 'a');
    const fromBlob = await tarAnatomy(tar, place);
    const fromStream = await tarAnatomy(chunksOf(new Uint8Array(await tar.arrayBuffer()), 100), place);
    expect(fromBlob).toEqual(fromStream);
  });

  it('looking for the end, a later PAX header claiming 8 GiB is named, not read', async () => {
    const tar = tarBlob([file('a', 'x'), file('b', 'y')], { mtime: 0 });
    const place = await placeIn(tar, 'a');
    const bytes = new Uint8Array(await tar.arrayBuffer());
    bytes[1024 + 156] = 'x'.charCodeAt(0);
    bytes.set(new TextEncoder().encode('77777777777\0'), 1024 + 124);
    const anatomy = await tarAnatomy(new Blob([bytes]), { ...place, entriesEnd: 1024 });
    expect(anatomy.end).toEqual({ missing: 'the PAX header at offset 1024 claims 8589934591 bytes of records, more than the 4198400 read here' });
  });

  it('refuses a place whose header region is not whole blocks', async () => {
    const tar = tarBlob([file('a', 'x')], { mtime: 0 });
    await expect(tarAnatomy(tar, { path: 'a', headerOffset: 0, dataOffset: 100, dataSize: 1, entriesEnd: 1024 })).rejects.toThrow(/not a whole number of blocks/);
  });

  it('finds an entry in a gzip layer by itself (no listing) and says the layer was gzip', async () => {
    const layer = await buildLayer({ kind: 'entries', entries: [file('etc/motd', 'hi\n')] }, { created: '1970-01-01T00:00:00Z' });
    const anatomy = await layerEntryAnatomy(layer.blob, 'etc/motd', { declared: 'gzip' });
    expect(anatomy.compression).toBe('gzip');
    expect(region(anatomy, 'header')[0].spans[0].value).toBe('etc/motd');
  });
});

describe.skipIf(!requireTool('tar'))('tarAnatomy of GNU tar output', () => {
  it('shows GNU tar\'s ././@LongLink entry (typeflag L) and the record size padding after the end blocks', async () => {
    const tmp = makeTempDir('anatomy');
    try {
      const name = 'n'.repeat(150);
      mkdirSync(join(tmp.path, 'src'));
      writeFileSync(join(tmp.path, 'src', name), 'gnu\n');
      runTool('tar', ['--format=gnu', '-cf', join(tmp.path, 'gnu.tar'), '-C', join(tmp.path, 'src'), name]);
      const tar = await openAsBlob(join(tmp.path, 'gnu.tar'));
      const anatomy = await tarAnatomy(tar, await placeIn(tar, name));
      expect(region(anatomy, 'extension-header')[0].title).toBe('GNU header (typeflag L)');
      const longName = region(anatomy, 'extension-body')[0].spans[0];
      expect(longName.value).toBe(name);
      expect(region(anatomy, 'header')[0].spans.find((s) => s.name === 'magic')?.meaning).toMatch(/GNU/);
      expect(anatomy.end).toMatchObject({ zeroBlocks: 2, tarSize: tar.size });
      expect((anatomy.end as { trailing: number }).trailing).toBe(tar.size - (anatomy.end as { offset: number }).offset - 1024);
    } finally {
      tmp.remove();
    }
  });
});
