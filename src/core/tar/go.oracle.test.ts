// Oracle: Go's archive/tar (what Docker, containerd and podman unpack layers with) lists the same
// archives as our reader: Go's own testdata, the layers inside go-containerregistry's and dive's
// test images (all from ../shared/peer-corpora, read in place, never copied), archives GNU tar
// writes in every format, and crafted headers where tar readers are known to disagree.

import { spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, readdirSync, readFileSync, symlinkSync, writeFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { gunzipSync } from 'node:zlib';
import { afterAll, describe, expect, it } from 'vitest';
import { concat } from './header.ts';
import { goList } from '../../test-support/go-tarlist.ts';
import { makeTempDir, requireTool, runTool } from '../../test-support/oracle.ts';
import { differences, goSide, ourSide } from '../../test-support/tar-differential.ts';
import { archive, body, file, header, pax } from '../../test-support/tar-craft.ts';

const hasGo = requireTool('go');
const CORPORA = resolve(import.meta.dirname, '../../../../shared/peer-corpora');
const haveCorpora = existsSync(CORPORA);
if (!haveCorpora && process.env.CI === 'true') throw new Error(`peer corpora missing at ${CORPORA} under CI=true`);
if (!haveCorpora) console.warn(`peer corpora not found at ${CORPORA}; Go-testdata comparisons skipped`);

const temp = makeTempDir('go-oracle');
afterAll(() => temp.remove());

/** Our listing (as a stream and as a Blob) compared with Go's; returns Go's listing. */
async function agree(path: string, bytes: Uint8Array = readFileSync(path)) {
  const go = goList(path);
  for (const source of ['stream', 'blob'] as const) {
    expect(differences(bytes, goSide(go), await ourSide(bytes, source), source), `${path} (${source})`).toEqual([]);
  }
  return go;
}

function layerTars(tarPath: string): Array<{ name: string; bytes: Uint8Array }> {
  const dir = join(temp.path, `x-${tarPath.replace(/\W+/g, '_')}`);
  mkdirSync(dir, { recursive: true });
  runTool('tar', ['-xf', tarPath, '-C', dir]);
  const out: Array<{ name: string; bytes: Uint8Array }> = [];
  const walk = (d: string): void => {
    for (const e of readdirSync(d, { withFileTypes: true })) {
      const p = join(d, e.name);
      if (e.isDirectory()) walk(p);
      else if (e.isFile()) {
        let bytes: Uint8Array = readFileSync(p);
        if (bytes[0] === 0x1f && bytes[1] === 0x8b) bytes = gunzipSync(bytes);
        if (bytes.length >= 512 && Buffer.from(bytes.subarray(257, 262)).toString() === 'ustar') out.push({ name: p, bytes });
      }
    }
  };
  walk(dir);
  return out;
}

describe.skipIf(!hasGo || !haveCorpora)('Go archive/tar and our reader agree on real archives', () => {
  const goData = join(CORPORA, 'go-archive-tar');
  const goTars = haveCorpora ? readdirSync(goData).filter((f) => f.endsWith('.tar')) : [];

  it.each(goTars)('Go testdata %s', async (name) => {
    await agree(join(goData, name));
  });

  it('compares something: entries, contents and errors, and catches a disagreement', async () => {
    const listings = goTars.map((name) => goList(join(goData, name)));
    expect(listings.flatMap((l) => l.entries).length).toBeGreaterThan(60);
    expect(listings.flatMap((l) => l.entries).filter((e) => e.sha256).length).toBeGreaterThan(40);
    expect(listings.filter((l) => l.error).length).toBeGreaterThan(5);
    const path = join(goData, 'gnu.tar');
    const bent = goList(path);
    bent.entries[1].uid += 1;
    expect(differences(readFileSync(path), goSide(bent), await ourSide(readFileSync(path), 'stream'), 'stream')).toHaveLength(1);
  });

  it('reads invalid-go17.tar as Go does (prefix kept) and names the other reading', async () => {
    const o = await ourSide(readFileSync(join(goData, 'invalid-go17.tar')), 'blob');
    expect(o.rows.map((r) => r.name)).toEqual([expect.stringMatching(/^a{90,}\/foo$/)]);
    expect(o.warnings.some((w) => w.includes('GNU tar and bsdtar read the name "foo"'))).toBe(true);
  });

  const images = haveCorpora
    ? ['ggcr/tarball', 'ggcr/mutate', 'dive'].flatMap((d) => readdirSync(join(CORPORA, d)).filter((f) => f.endsWith('.tar')).map((f) => join(CORPORA, d, f)))
    : [];
  let layersCompared = 0;
  const agreeOnLayer = async (bytes: Uint8Array) => {
    const path = join(temp.path, 'layer.tar');
    writeFileSync(path, bytes);
    await agree(path, bytes);
    layersCompared++;
  };
  it.each(images)('layers inside %s', async (image) => {
    await agree(image);
    for (const layer of layerTars(image)) await agreeOnLayer(layer.bytes);
  });

  it('gzip layer blobs of go-containerregistry\'s OCI layouts', async () => {
    const layouts = join(CORPORA, 'ggcr/layout');
    for (const layout of readdirSync(layouts)) {
      const blobs = join(layouts, layout, 'blobs/sha256');
      if (!existsSync(blobs)) continue;
      for (const blob of readdirSync(blobs)) {
        const bytes = readFileSync(join(blobs, blob));
        if (bytes[0] === 0x1f && bytes[1] === 0x8b) await agreeOnLayer(gunzipSync(bytes));
      }
    }
    expect(layersCompared).toBeGreaterThan(20);
  });
});

describe.skipIf(!hasGo)('Go archive/tar and our reader agree on generated archives', () => {
  const check = async (name: string, bytes: Uint8Array) => {
    const path = join(temp.path, `${name}.tar`);
    writeFileSync(path, bytes);
    return agree(path, bytes);
  };

  it.skipIf(!requireTool('tar'))('GNU tar in every format, sparse files included', async () => {
    const src = join(temp.path, 'src');
    mkdirSync(join(src, `${'d'.repeat(120)}/${'e'.repeat(120)}`), { recursive: true });
    writeFileSync(join(src, `${'d'.repeat(120)}/${'e'.repeat(120)}/${'f'.repeat(99)}`), 'deep\n');
    writeFileSync(join(src, 'ünï'), 'u');
    symlinkSync(`${'t/'.repeat(80)}end`, join(src, 'link'));
    writeFileSync(join(src, 'holes'), '');
    spawnSync('truncate', ['-s', '3M', join(src, 'holes')]);
    writeFileSync(join(src, 'holes'), 'tail', { flag: 'a' });
    for (const format of ['gnu', 'oldgnu', 'ustar', 'posix', 'v7']) {
      for (const sparse of format === 'posix' ? ['0.0', '0.1', '1.0'] : ['']) {
        const out = join(temp.path, `gnu-${format}${sparse}.tar`);
        const args = [`--format=${format}`, '--sort=name', '--owner=0', '--group=0', ...(sparse ? ['--sparse', `--sparse-version=${sparse}`] : ['--sparse'])];
        const result = spawnSync('tar', [...args, '-C', src, '-cf', out, '.'], { encoding: 'utf8' });
        if (result.status !== 0 && format !== 'ustar' && format !== 'v7') throw new Error(result.stderr);
        if (existsSync(out)) await agree(out);
      }
    }
  });

  const long = (type: 'L' | 'K', v: string) => concat(header({ name: '././@LongLink', type, size: v.length + 1 }), body(`${v}\0`));
  it.each([
    ['two x headers', archive(pax({ path: 'first', uid: '11' }), pax({ gid: '22' }), file('plain', 'x'))],
    ['a size in the first of two x headers', archive(pax({ size: '5000' }), pax({ uid: '1' }), file('a', 'x'), file('b', 'y'))],
    ['L beats a PAX path', archive(long('L', 'longname'), pax({ path: 'paxname' }), file('plain', 'x'))],
    ['K beats a PAX linkpath', archive(pax({ linkpath: 'paxlink' }), long('K', 'longlink'), header({ name: 'l', type: '2', linkname: 'short' }))],
    ['g is not applied', archive(pax({ uid: '1000', path: 'gpath', mode: '4755' }, 'g'), file('a', 'x'), file('b', 'y'))],
    ['g drops a pending x', archive(pax({ path: 'fromx' }), pax({ comment: 'c' }, 'g'), file('a', 'x'))],
    ['g drops a pending L', archive(long('L', 'fromL'), pax({ comment: 'c' }, 'g'), file('a', 'x'))],
    ['empty L', archive(concat(header({ name: '././@LongLink', type: 'L', size: 1 }), body('\0')), file('short', 'x'))],
    ['leading zeros and a sign in PAX numbers', archive(pax({ size: '00000000000000000000001', uid: '+7', mtime: '-1.5' }), file('z', 'x'), file('after', 'y'))],
    ['a symlink with a size', archive(header({ name: 'ln', type: '2', linkname: 't', size: 512 }), file('hidden', 'h'), file('after', 'y'))],
    ['an old dir entry with a size', archive(header({ name: 'olddir/', type: '\0', size: 512 }), file('hidden', 'h'), file('after', 'y'))],
    ['negative base-256 uid and mtime', archive(header({ name: 'neg', raw: { 108: Uint8Array.of(0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xfe), 136: new Uint8Array(12).fill(0xff) } }))],
    ['octal with junk after a NUL', archive(header({ name: 'nul', raw: { 108: '0000012\0', 116: '7\0abcde' } }))],
    ['empty xattr value', archive(pax({ 'SCHILY.xattr.user.empty': '', 'SCHILY.xattr.user.x': 'v' }), file('x', 'x'))],
    ['PAX path with a trailing NUL pad', archive(pax('13 path=abc\n\0\0\0'), file('x', 'x'))],
    ['a PAX length with a sign', archive(pax('+13 path=abc\n'), file('x', 'x'))],
    ['ustar name ending in a slash, type 0', archive(file('dirlike/', ''), file('after', 'y'))],
  ])('%s', async (name, bytes) => {
    await check(name.replace(/\W+/g, '-'), bytes);
  });

  it('flags readings other tools disagree with, naming them', async () => {
    const o = await ourSide(archive(long('L', 'longname'), pax({ path: 'paxname' }), file('plain', 'x')), 'stream');
    expect(o.rows.map((r) => r.name)).toEqual(['longname']);
    expect(o.warnings).toEqual(['GNU long name and PAX path disagree: Go uses the long name; GNU tar uses the PAX path "paxname"; bsdtar and Python use whichever header comes first']);
    const g = await ourSide(archive(pax({ path: 'fromx' }), pax({ comment: 'c' }, 'g'), file('a', 'x')), 'stream');
    expect(g.rows.map((r) => r.name)).toEqual(['a']);
    expect(g.warnings).toEqual(['extended header at offset 0 is followed by a global header at offset 1024: Go drops it there; GNU tar, bsdtar and Python apply it to the next entry']);
  });
});
