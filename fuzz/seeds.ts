// Seed inputs, made in the run by the real tools (GNU tar in every format, gzip, zstd, zip, umoci)
// plus Layerpad's own writers and, where ../shared/peer-corpora is present, other projects' test
// archives read in place. A missing tool is skipped with a note (an error under CI=true).

import { spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, readdirSync, readFileSync, symlinkSync, writeFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { gzipSync } from 'node:zlib';
import { zipSync } from 'fflate';
import { buildImage } from '../src/core/build/image.ts';
import { gzipPiece } from '../src/core/compress/gzip-pieces.ts';
import { writeOciLayoutZip } from '../src/core/formats/oci-zip/write.ts';
import { writeImageTar } from '../src/core/formats/image-tar/write.ts';
import { requireTool } from '../src/test-support/oracle.ts';
import { noise, text } from '../src/test-support/bytes.ts';
import { smallSpec } from '../src/test-support/image.ts';

export const CORPORA = resolve(import.meta.dirname, '../../shared/peer-corpora');

function run(tool: string, args: string[], opts: { cwd?: string; input?: Uint8Array } = {}): Uint8Array | undefined {
  if (!requireTool(tool)) return undefined;
  const result = spawnSync(tool, args, { ...opts, maxBuffer: 64 << 20 });
  if (result.status !== 0) throw new Error(`${tool} ${args.join(' ')}: ${result.stderr}`);
  return new Uint8Array(result.stdout);
}

/** A small tree with long names, a link, a hardlink, unicode and a sparse file. */
function tree(dir: string): string {
  const src = join(dir, 'tree');
  mkdirSync(join(src, `${'d'.repeat(60)}/${'e'.repeat(60)}`), { recursive: true });
  writeFileSync(join(src, `${'d'.repeat(60)}/${'e'.repeat(60)}/${'f'.repeat(40)}`), 'deep\n');
  writeFileSync(join(src, 'ünï.txt'), 'u'.repeat(700));
  writeFileSync(join(src, 'holes'), '');
  spawnSync('truncate', ['-s', '64K', join(src, 'holes')]);
  writeFileSync(join(src, 'holes'), 'tail', { flag: 'a' });
  symlinkSync(`${'t/'.repeat(60)}end`, join(src, 'link'));
  spawnSync('ln', [join(src, 'ünï.txt'), join(src, 'hard')]);
  return src;
}

function files(dir: string, keep: (name: string) => boolean): Uint8Array[] {
  if (!existsSync(dir)) return [];
  return readdirSync(dir).filter(keep).map((f) => new Uint8Array(readFileSync(join(dir, f))));
}

export async function makeSeeds(dir: string): Promise<Record<string, Uint8Array[]>> {
  const src = tree(dir);
  const short = join(dir, 'short');
  mkdirSync(short);
  writeFileSync(join(short, 'a.txt'), 'hello\n');
  symlinkSync('a.txt', join(short, 'l'));
  const tar: Uint8Array[] = [];
  for (const format of ['gnu', 'oldgnu', 'posix', 'pax']) {
    for (const sparse of format === 'posix' ? ['0.0', '0.1', '1.0'] : ['']) {
      const extra = sparse ? ['--sparse', `--sparse-version=${sparse}`] : ['--sparse'];
      const out = run('tar', [`--format=${format}`, '--sort=name', ...extra, '-C', src, '-cf', '-', '.']);
      if (out) tar.push(out);
    }
  }
  for (const format of ['ustar', 'v7']) {
    const out = run('tar', [`--format=${format}`, '--sort=name', '-C', short, '-cf', '-', '.']);
    if (out) tar.push(out);
  }
  tar.push(...files(join(CORPORA, 'go-archive-tar'), (f) => f.endsWith('.tar')).filter((b) => b.length <= 64 * 1024));
  const image = await buildImage(smallSpec());
  const imageTar = new Uint8Array(await (await writeImageTar(image)).arrayBuffer());
  tar.push(imageTar);

  const sample = new Uint8Array([...text(3000), ...noise(500)]);
  const gzip: Uint8Array[] = [await gzipPiece(sample), new Uint8Array([...gzipSync(sample), ...gzipSync(text(10))])];
  for (const level of ['-1', '-6', '-9']) {
    const out = run('gzip', [level, '-c'], { input: sample });
    if (out) gzip.push(out);
  }
  writeFileSync(join(dir, 'named.txt'), sample.subarray(0, 800));
  const named = run('gzip', ['-N', '-c', join(dir, 'named.txt')]);
  if (named) gzip.push(named);
  gzip.push(withAllHeaderFields(gzipSync(text(400))));
  gzip.push(new Uint8Array(gzipSync(new Uint8Array(0))));

  const zstd: Uint8Array[] = [];
  for (const args of [['-1'], ['-19', '--no-check'], ['-3', '--content-size']]) {
    const out = run('zstd', ['-q', '-c', ...args], { input: sample });
    if (out) zstd.push(out);
  }
  if (zstd.length > 0) zstd.push(new Uint8Array([0x50, 0x2a, 0x4d, 0x18, 2, 0, 0, 0, 7, 7, ...zstd[0], ...zstd[zstd.length - 1]]));

  const zip: Uint8Array[] = [zipSync({ 'index.json': new TextEncoder().encode('{"schemaVersion":2}'), 'blobs/sha256/x': [text(3000), { level: 6 }] })];
  for (const level of ['-0', '-9']) {
    const out = join(dir, `seed${level}.zip`);
    if (run('zip', ['-q', '-r', '-y', level, out, '.'], { cwd: short })) zip.push(new Uint8Array(readFileSync(out)));
  }
  zip.push(new Uint8Array(await (await writeOciLayoutZip(image)).arrayBuffer()));

  const json: Uint8Array[] = [];
  if (requireTool('umoci')) {
    const layout = join(dir, 'umoci');
    run('umoci', ['init', '--layout', layout]);
    run('umoci', ['new', '--image', `${layout}:latest`]);
    json.push(new Uint8Array(readFileSync(join(layout, 'index.json'))));
    json.push(...files(join(layout, 'blobs/sha256'), () => true));
  }
  for (const sub of existsSync(join(CORPORA, 'ggcr/layout')) ? readdirSync(join(CORPORA, 'ggcr/layout')) : []) {
    json.push(...files(join(CORPORA, 'ggcr/layout', sub), (f) => f.endsWith('.json')));
    json.push(...files(join(CORPORA, 'ggcr/layout', sub, 'blobs/sha256'), () => true).filter((b) => b[0] === 0x7b && b.length < 64 * 1024));
  }
  const docker: Uint8Array[] = [];
  for (const archive of files(join(CORPORA, 'ggcr/tarball'), (f) => f.endsWith('.tar')).concat([imageTar])) {
    for (const member of ['manifest.json', 'repositories']) {
      const result = spawnSync('tar', ['-xOf', '-', member], { input: archive });
      if (result.status === 0 && result.stdout.length > 0) docker.push(new Uint8Array(result.stdout));
    }
  }
  docker.push(new TextEncoder().encode('{"repo":{"latest":"abc","1.0":"abc"},"other":{"x":"y"}}'));
  return { tar, 'tar-props': tar, gzip, zstd, zip, json, docker };
}

/** A member with FEXTRA, FNAME, FCOMMENT and a correct FHCRC (GNU gzip writes none of these). */
function withAllHeaderFields(member: Uint8Array): Uint8Array {
  const fields = [6, 0, 0x41, 0x42, 2, 0, 0x31, 0x32, 0x6e, 0x61, 0x6d, 0x65, 0, 0x68, 0x69, 0];
  const head = new Uint8Array([...member.subarray(0, 10), ...fields]);
  head[3] |= 0x1e;
  let crc = ~0;
  for (const b of head) {
    crc ^= b;
    for (let k = 0; k < 8; k++) crc = crc & 1 ? (crc >>> 1) ^ 0xedb88320 : crc >>> 1;
  }
  crc = ~crc >>> 0;
  return new Uint8Array([...head, crc & 0xff, (crc >>> 8) & 0xff, ...member.subarray(10)]);
}
