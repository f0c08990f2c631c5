// `npm run bench`: every row of issue 9 in one run, each beside the natives and peers measured in
// the same run on the same inputs, as ratios (absolute times vary between machines and with the
// load on a shared one; ratios within one run are what count):
//  - build: a folder of mixed content (~262 MB, BENCH_MIB MiB) through the built app's "Add folder"
//    until the digest is stable, gzip and then zstd, with the page's worst long task; the engine
//    alone in Node and Chromium; `tar|gzip -6`, `tar|pigz -6 -p2`, `tar|zstd -3 -T2` (each
//    `|sha256sum`) and `umoci repack` on the same folder;
//  - inspect: a ~1 GiB `docker save` (BENCH_INSPECT_MIB) opened in the app until every blob is
//    verified, with Chromium's memory growth and the worst long task, beside `sha256sum` and
//    `skopeo copy docker-archive: dir:`; a 100 000-entry layer's list and merged tree.
//  - registry (when docker-registry and skopeo are installed): pull + verify and push beside skopeo
//    (bench/registry.ts, also `npm run bench:registry`).
// BENCH_PARTS=build, =inspect or =registry runs one part. Fails if Node and Chromium build different digests.
import { statSync } from 'node:fs';
import { availableParallelism, loadavg } from 'node:os';
import { join } from 'node:path';
import { chromium } from '@playwright/test';
import { chromiumArgs, chromiumPath } from '../e2e/support/chromium.ts';
import { makeTempDir } from '../src/test-support/oracle.ts';
import { makeDockerSave, makeManyEntries } from './archives.ts';
import { chromiumEngine, nodeEngine, type EngineRun } from './engine-rows.ts';
import { writeMixedTree } from './mixed-tree.ts';
import { hasTool, pipeline, sha256sum, skopeoCopy, tarBytesOf, umociRepack, type Timed } from './natives.ts';
import { serveApp } from './serve-app.ts';
import { composeFolder } from './ui-compose.ts';
import { listManyEntries, verifyArchive } from './ui-inspect.ts';
import { registryBench } from './registry.ts';

const MiB = 1024 * 1024;
const buildBytes = Number(process.env.BENCH_MIB ?? 250) * MiB;
const inspectBytes = Number(process.env.BENCH_INSPECT_MIB ?? 1024) * MiB;
const parts = new Set((process.env.BENCH_PARTS ?? 'build,inspect,registry').split(','));
const seed = 42;
const load = () => loadavg().map((l) => l.toFixed(2)).join(' ');
const pad = (s: string, n: number) => s.padEnd(n);
const num = (n: number, digits = 2) => n.toFixed(digits);
const mib = (n: number) => `${(n / MiB).toFixed(1)} MiB`;

type Browser = Awaited<ReturnType<typeof chromium.launch>>;

async function buildPart(scratch: string, browser: Browser, url: string) {
  const folder = join(scratch, 'folder');
  await writeMixedTree(folder, buildBytes, seed);
  const tarBytes = tarBytesOf(folder);
  const gzip = pipeline(folder, 'gzip -6');
  const pigz = hasTool('pigz') ? pipeline(folder, 'pigz -6 -p2') : undefined;
  const zstd = hasTool('zstd') ? pipeline(folder, 'zstd -3 -T2 -q') : undefined;
  const umoci = hasTool('umoci') ? umociRepack(folder, scratch) : undefined;
  const engines: EngineRun[] = [await nodeEngine(buildBytes, seed, 'gzip'), await nodeEngine(buildBytes, seed, 'zstd'), ...(await chromiumEngine(buildBytes, seed, ['gzip', 'zstd']))];
  for (const compression of ['gzip', 'zstd']) {
    const digests = new Set(engines.filter((e) => e.compression === compression).map((e) => e.digest));
    if (digests.size !== 1) throw new Error(`Node and Chromium built different ${compression} layers: ${[...digests].join(', ')}`);
  }
  const ui = await composeFolder(browser, url, folder);

  console.log(`\nBUILD: a folder of ${mib(tarBytes)} of tar (mixed content, seed ${seed})`);
  console.log(pad('path', 58) + 'seconds'.padStart(8) + 'MiB/s'.padStart(8) + '  x pigz-p2' + '  x umoci' + '  output (% gzip -6, % umoci)' + '  worst long task');
  const row = (path: string, t: Timed, longTask?: number) => {
    const vs = (peer?: Timed) => (peer ? num(peer.seconds / t.seconds).padStart(9) : '       --');
    const size = t.bytes ? `${mib(t.bytes)} (${num((100 * t.bytes) / gzip.bytes!, 1)} %, ${umoci?.bytes ? num((100 * t.bytes) / umoci.bytes, 1) : '--'} %)` : '';
    console.log(pad(path, 58) + num(t.seconds).padStart(8) + num(tarBytes / MiB / t.seconds, 1).padStart(8) + ' ' + vs(pigz) + ' ' + vs(umoci) + '  ' + pad(size, 30) + (longTask === undefined ? '' : `${longTask.toFixed(0)} ms`));
  };
  row('native tar c | gzip -6 | sha256sum', gzip);
  if (pigz) row('native tar c | pigz -6 -p2 | sha256sum', pigz);
  if (zstd) row('native tar c | zstd -3 -T2 | sha256sum', zstd);
  if (umoci) row('peer: umoci repack (one layer, gzip)', umoci);
  for (const e of engines) row(e.path, { seconds: e.seconds, bytes: e.bytes });
  row('UI: Add folder -> stable manifest digest (gzip)', { seconds: ui.gzip.seconds, bytes: ui.gzip.layerBytes }, ui.gzip.worstLongTaskMs);
  row('UI: output switched to zstd -> stable digest', { seconds: ui.zstd.seconds, bytes: ui.zstd.layerBytes }, ui.zstd.worstLongTaskMs);
  if (!pigz || !umoci) console.log('(pigz or umoci is not installed: apt-get install pigz umoci adds their rows)');
}

async function inspectPart(scratch: string, browser: Browser, url: string) {
  if (!hasTool('dockerd') || !hasTool('skopeo')) {
    console.log('\nINSPECT: skipped (needs dockerd to make the docker save, and skopeo)');
    return;
  }
  const archive = await makeDockerSave(scratch, inspectBytes, 7);
  const size = statSync(archive).size;
  const native = sha256sum(archive);
  const skopeo = skopeoCopy(archive, scratch);
  const verified = await verifyArchive(browser, url, archive);
  const many = await makeManyEntries(scratch);
  const listed = await listManyEntries(browser, url, many.path, many.entries);

  console.log(`\nINSPECT: a docker save of ${mib(size)} (Docker 20.10's form: <id>/layer.tar, one layer)`);
  console.log(pad('path', 58) + 'seconds'.padStart(8) + 'MiB/s'.padStart(8) + '  x sha256sum' + '  x skopeo' + '  memory growth' + '  worst long task');
  const row = (path: string, t: Timed, extra = '') => {
    console.log(pad(path, 58) + num(t.seconds).padStart(8) + num(size / MiB / t.seconds, 1).padStart(8) + num(native.seconds / t.seconds).padStart(13) + num(skopeo.seconds / t.seconds).padStart(11) + extra);
  };
  row('native sha256sum', native);
  row('peer: skopeo copy docker-archive: dir:', skopeo);
  row('UI: pick -> every blob verified', { seconds: verified.seconds }, `  ${mib(verified.rssGrowth)} (${num((100 * verified.rssGrowth) / size, 1)} %)`.padEnd(16) + `  ${verified.worstLongTaskMs.toFixed(0)} ms`);
  console.log(`UI: structure shown ${verified.structureMs.toFixed(0)} ms after the pick`);
  console.log(`UI: ${many.entries} entries in one layer: pick -> list shown ${listed.listMs.toFixed(0)} ms; Merged filesystem tab -> tree ${listed.treeMs.toFixed(0)} ms; worst long task ${listed.worstLongTaskMs.toFixed(0)} ms`);
}

async function main() {
  const scratch = makeTempDir('bench');
  console.log(`Layerpad bench: ${availableParallelism()} cores, load average ${load()} (1, 5, 15 min)`);
  const app = await serveApp(scratch.path);
  const browser = await chromium.launch({ executablePath: chromiumPath() || undefined, args: chromiumArgs });
  try {
    if (parts.has('build')) await buildPart(scratch.path, browser, app.url);
    if (parts.has('inspect')) await inspectPart(scratch.path, browser, app.url);
    if (parts.has('registry')) {
      if (hasTool('docker-registry') && hasTool('skopeo')) await registryBench();
      else console.log('\n(docker-registry or skopeo is not installed, so the registry pull/push bench is skipped)');
    }
    console.log(`\nload average at the end: ${load()}`);
  } finally {
    await browser.close();
    await app.close();
    scratch.remove();
  }
}

await main();
