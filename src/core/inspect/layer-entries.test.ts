import { afterAll, describe, expect, it } from 'vitest';
import { mkdirSync, readFileSync, symlinkSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { gzipSync } from 'fflate';
import { listLayer, readLayerFile } from './layer-entries.ts';
import { mergeLayers } from '../fs/merge.ts';
import { tarTv } from './tar-tv.ts';
import { makeTempDir, requireTool, runTool } from '../../test-support/oracle.ts';
import { dirEntry, fileEntry, linkEntry, bytesOf } from '../../test-support/inspect-fixtures.ts';
import { tarBlob } from '../tar/write.ts';
import { archive, file as craftedFile } from '../../test-support/tar-craft.ts';

const temp = makeTempDir('layer-entries');
afterAll(() => temp.remove());

describe.skipIf(!requireTool('tar'))('listLayer against GNU tar', () => {
  /** Two layers made by GNU tar from real directories, the upper one with whiteouts. */
  let built: { path: string; bytes: Uint8Array }[] | undefined;
  function gnuLayers() {
    if (built) return built;
    const lower = join(temp.path, 'lower');
    mkdirSync(join(lower, 'etc/conf.d'), { recursive: true });
    writeFileSync(join(lower, 'etc/passwd'), 'root:x:0:0\n');
    writeFileSync(join(lower, 'etc/conf.d/a'), 'a'.repeat(4000));
    writeFileSync(join(lower, 'etc/old'), 'old');
    symlinkSync('passwd', join(lower, 'etc/pw'));
    const upper = join(temp.path, 'upper');
    mkdirSync(join(upper, 'etc/conf.d'), { recursive: true });
    writeFileSync(join(upper, 'etc/passwd'), 'root:x:0:0\nme:x:1000:1000\n');
    writeFileSync(join(upper, 'etc/.wh.old'), '');
    writeFileSync(join(upper, 'etc/conf.d/.wh..wh..opq'), '');
    writeFileSync(join(upper, 'etc/conf.d/b'), 'b');
    const tarOf = (dir: string) => {
      const out = join(temp.path, `${dir.split('/').pop()}.tar`);
      runTool('tar', ['--sort=name', '--owner=0', '--group=0', '--numeric-owner', '--mtime=@0', '-C', dir, '-cf', out, 'etc']);
      return { path: out, bytes: new Uint8Array(readFileSync(out)) };
    };
    return (built = [tarOf(lower), tarOf(upper)]);
  }

  it('lists entries with the same tar -tv columns as GNU tar, from gzip', async () => {
    const [lower] = gnuLayers();
    const listing = await listLayer(new Blob([gzipSync(lower.bytes)]), { declared: 'gzip' });
    expect(listing).toMatchObject({ complete: true, compression: 'gzip', problems: [] });
    const ours = listing.entries.map(({ entry }) => {
      const c = tarTv(entry);
      return `${c.mode} ${c.owner} ${c.size} ${c.name}${c.link}`;
    });
    const gnu = runTool('tar', ['--numeric-owner', '-tvf', lower.path]).trim().split('\n').map((line) => {
      const [mode, owner, size, , , ...name] = line.split(/\s+/);
      return `${mode} ${owner} ${size} ${name.join(' ')}`;
    });
    expect(ours).toEqual(gnu);
  });

  it('marks added / modified / deleted and applies whiteouts from real layer tars', async () => {
    const layers = await Promise.all(gnuLayers().map(async (l) => (await listLayer(new Blob([l.bytes as BlobPart]))).entries.map((e) => e.entry)));
    const fs = mergeLayers(layers);
    const marks = Object.fromEntries(layers[1].map((e, i) => [`${e.type}:${e.path}`, fs.changes[1][i]]));
    expect(marks).toEqual({
      'dir:etc': 'modified', 'dir:etc/conf.d': 'modified', 'opaque:etc/conf.d': 'deleted', 'file:etc/conf.d/b': 'added',
      'whiteout:etc/old': 'deleted', 'file:etc/passwd': 'modified',
    });
    expect(fs.lookup('etc/old')).toBeUndefined();
    expect(fs.lookup('etc/conf.d/a')).toBeUndefined();
    expect(fs.lookup('etc/pw')?.layer).toBe(0);
    expect(fs.wastedBytes[0]).toBe(4000 + 3 + 11);
  });
});

describe('listLayer / readLayerFile', () => {
  const tar = () => tarBlob([dirEntry('app'), fileEntry('app/a', 'AAAA'), fileEntry('app/big', 'x'.repeat(5000)), linkEntry('app/l', 'a'), fileEntry('z', 'zz')], { mtime: 0 });

  it('keeps the entries read before a truncated gzip stream and names the problem', async () => {
    const gz = gzipSync(await bytesOf(tar()));
    const listing = await listLayer(new Blob([gz.subarray(0, gz.length - 30)]), { where: 'layer 3' });
    expect(listing.complete).toBe(false);
    expect(listing.entries.length).toBeGreaterThan(0);
    expect(listing.problems).toHaveLength(1);
    expect(listing.problems[0]).toMatchObject({ severity: 'error', where: 'layer 3' });
    // Either the gzip decoder or the tar reader notices first, depending on where the cut falls.
    expect(listing.problems[0].message).toMatch(/(unexpected end of archive at offset \d+|truncated or corrupt gzip (stream|member)).*; the \d+ entries before it are shown$/);
  });

  it('warns when the magic bytes contradict the media type', async () => {
    const listing = await listLayer(tar(), { declared: 'zstd', where: 'layer 0' });
    expect(listing.problems).toEqual([{ severity: 'warning', where: 'layer 0', message: 'media type declares zstd but the bytes are not compressed; read as none' }]);
    expect(listing.entries.map((e) => e.entry.path)).toEqual(['app', 'app/a', 'app/big', 'app/l', 'z']);
  });

  it('reads one file, bounded, and says why when it cannot', async () => {
    const gz = new Blob([gzipSync(await bytesOf(tar()))]);
    const a = await readLayerFile(gz, 'app/a');
    expect(new TextDecoder().decode(a?.bytes)).toBe('AAAA');
    expect(await readLayerFile(gz, 'app/big', { maxBytes: 100 })).toMatchObject({ note: '5000 bytes is over the 100-byte limit for reading one file' });
    expect(await readLayerFile(gz, 'app/l')).toMatchObject({ note: 'a symlink to a has no content of its own' });
    expect(await readLayerFile(gz, 'nope')).toBeUndefined();
  });

  it('reads the copy of a duplicated path that the merged view shows (the last)', async () => {
    const layer = new Blob([archive(craftedFile('etc/motd', 'first'), craftedFile('etc/other', 'x'), craftedFile('etc/motd', 'second'))]);
    const listing = await listLayer(layer);
    const occurrence = listing.entries.filter((e) => e.entry.path === 'etc/motd').length;
    expect(occurrence).toBe(2);
    const last = await readLayerFile(layer, 'etc/motd', { occurrence });
    expect(new TextDecoder().decode(last!.bytes)).toBe('second');
    const first = await readLayerFile(layer, 'etc/motd');
    expect(new TextDecoder().decode(first!.bytes)).toBe('first');
  });

  it('reads an uncompressed layer to its very end though its chunks share one buffer (emptied by each read)', async () => {
    // One end zero block and a body cut at the end both make the reader ask for bytes after the
    // last chunk, whose buffer the end of a BYOB stream has emptied.
    const files = new Uint8Array([...craftedFile('a', 'aaaa'), ...craftedFile('b', 'bb')]);
    const oneZeroBlock = new Blob([files, new Uint8Array(512)]);
    expect(await listLayer(oneZeroBlock)).toMatchObject({ complete: true, problems: [], entries: [{ entry: { path: 'a' } }, { entry: { path: 'b' } }] });
    const cut = new Blob([craftedFile('a', 'a'.repeat(600)).slice(0, 700)]);
    await expect(readLayerFile(cut, 'a')).rejects.toThrow(/unexpected end of archive/);
  });

  it('keeps small bodies of a compressed layer while the budget lasts, none of an uncompressed one', async () => {
    const tar = archive(craftedFile('a', 'aaaa'), craftedFile('big', 'b'.repeat(100)), craftedFile('c', 'cccc'), craftedFile('d', 'dddd'));
    const budget = { maxFileBytes: 50, remaining: 8 };
    const listing = await listLayer(new Blob([gzipSync(tar) as BlobPart]), { keepBodies: budget });
    const text = (b?: Uint8Array) => b && new TextDecoder().decode(b);
    expect(listing.entries.map((e) => [e.entry.path, text(e.body)])).toEqual([['a', 'aaaa'], ['big', undefined], ['c', 'cccc'], ['d', undefined]]);
    expect(budget.remaining).toBe(0);
    const plain = await listLayer(new Blob([tar as BlobPart]), { keepBodies: { maxFileBytes: 50, remaining: 1000 } });
    expect(plain.entries.every((e) => e.body === undefined)).toBe(true);
    expect(plain.entries.map((e) => text(tar.subarray(e.dataOffset, e.dataOffset + e.entry.size)))).toEqual(['aaaa', 'b'.repeat(100), 'cccc', 'dddd']);
  });
});
