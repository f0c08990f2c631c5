// `npm run bench`: builds a ~256 MiB layer of mixed content through the engine in Node and in
// headless Chromium (module worker), each alone and with a pool of compression helpers, and runs
// the native pipelines `tar c | gzip -6 | sha256sum` (and `pigz -p2` if installed) on the same
// files in the same run. Prints MiB/s of tar input and each path's ratio to native gzip; fails if
// any path gives a different layer digest. BENCH_HELPERS overrides the pool size.
import { execFileSync } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { availableParallelism, loadavg, tmpdir } from 'node:os';
import { join } from 'node:path';
import { buildLayer } from '../src/core/build/layer.ts';
import { defaultPoolSize } from '../src/worker/piece-pool.ts';
import { mixedEntries } from './mixed-content.ts';
import { writeMixedTree } from './mixed-tree.ts';
import { nodePiecePool } from './node-pool.ts';
import { openLab } from './serve-lab.ts';
import type { LabApi } from './browser/lab.worker.ts';

const MiB = 1024 * 1024;
const totalBytes = Number(process.env.BENCH_MIB ?? 256) * MiB;
const seed = 42;
const helpersOverride = process.env.BENCH_HELPERS ? Number(process.env.BENCH_HELPERS) : undefined;

interface Row {
  path: string;
  seconds: number;
  tarBytes: number;
  /** Compressed output bytes, to compare what each path made as well as how fast. */
  gzBytes: number;
  /** Layer digest, for engine paths. */
  digest?: string;
}

function hasTool(name: string): boolean {
  try {
    execFileSync('bash', ['-c', `command -v ${name}`], { stdio: 'ignore' });
    return true;
  } catch {
    return false;
  }
}

function nativePipeline(dir: string, compressor: string): Row {
  // Count tar bytes in a separate run so the timed pipeline is exactly the native one.
  const tarBytes = Number(execFileSync('bash', ['-c', `tar -C "${dir}" -c . | wc -c`]).toString().trim());
  const start = performance.now();
  const gzBytes = Number(
    execFileSync('bash', ['-c', `set -o pipefail; tar -C "${dir}" -c . | ${compressor} | tee >(sha256sum >/dev/null) | wc -c`]).toString().trim(),
  );
  return { path: `native tar c | ${compressor} | sha256sum`, seconds: (performance.now() - start) / 1000, tarBytes, gzBytes };
}

const created = '1970-01-01T00:00:00Z';

async function nodeEngine(helpers: number): Promise<Row> {
  const pool = helpers > 0 ? nodePiecePool(helpers) : undefined;
  try {
    // Start the threads before the clock, as the browser lab does.
    if (pool) await Promise.all(Array.from({ length: helpers }, () => pool.compress(new Uint8Array(1))));
    const entries = mixedEntries(totalBytes, seed);
    const start = performance.now();
    const layer = await buildLayer({ kind: 'entries', entries }, { created, compressPiece: pool?.compress, parallelism: helpers + 1 });
    const seconds = (performance.now() - start) / 1000;
    const path = helpers > 0 ? `Layerpad engine, Node (1 + ${helpers} gzip threads)` : 'Layerpad engine, Node (1 thread)';
    return { path, seconds, tarBytes: layer.tarSize!, gzBytes: layer.descriptor.size, digest: layer.descriptor.digest };
  } finally {
    pool?.close();
  }
}

/** Reports Chromium alone, then with the pool, each as soon as it is measured. */
async function chromiumEngine(report: (row: Row) => void): Promise<void> {
  const lab = await openLab();
  try {
    const cores = await lab.page.evaluate(() => (window as unknown as { layerpadLab: LabApi }).layerpadLab.hardwareConcurrency());
    for (const helpers of [0, helpersOverride ?? defaultPoolSize(cores)]) {
      const result = await lab.page.evaluate(
        ([bytes, s, h]) => (window as unknown as { layerpadLab: LabApi }).layerpadLab.benchLayer(bytes, s, h),
        [totalBytes, seed, helpers] as const,
      );
      const path = helpers > 0 ? `Layerpad engine, Chromium (1 + ${helpers} gzip workers)` : 'Layerpad engine, Chromium (1 worker)';
      report({ path, seconds: result.ms / 1000, tarBytes: result.tarSize, gzBytes: result.size, digest: result.digest });
    }
  } finally {
    await lab.close();
  }
}

async function main() {
  const dir = mkdtempSync(join(tmpdir(), 'layerpad-bench-'));
  try {
    const load = () => loadavg().map((l) => l.toFixed(2)).join(' ');
    console.log(`Layerpad bench: ${(totalBytes / MiB).toFixed(0)} MiB of mixed content (seed ${seed}), ${availableParallelism()} cores, load average ${load()}`);
    await writeMixedTree(dir, totalBytes, seed);
    const rate = (r: Row) => r.tarBytes / MiB / r.seconds;
    const native = nativePipeline(dir, 'gzip -6');
    const rows: Row[] = [];
    const report = (row: Row) => {
      rows.push(row);
      const ratio = (rate(row) / rate(native)).toFixed(2);
      const size = `${(row.gzBytes / MiB).toFixed(1)} MiB (${((row.gzBytes / native.gzBytes) * 100).toFixed(1)} %)`;
      console.log(row.path.padEnd(52) + rate(row).toFixed(1).padStart(8) + row.seconds.toFixed(2).padStart(10) + ratio.padStart(8) + '  ' + size);
    };
    console.log('');
    console.log('path'.padEnd(52) + 'MiB/s'.padStart(8) + 'seconds'.padStart(10) + '   ratio' + '  output (vs native gzip)');
    report(native);
    if (hasTool('pigz')) report(nativePipeline(dir, 'pigz -p2 -6'));
    report(await nodeEngine(0));
    report(await nodeEngine(helpersOverride ?? defaultPoolSize(availableParallelism())));
    await chromiumEngine(report);

    const engines = rows.filter((r) => r.digest);
    const digests = new Set(engines.map((r) => r.digest));
    if (digests.size !== 1) {
      throw new Error(`layer digest differs between paths:\n${engines.map((r) => `  ${r.path}: ${r.digest}`).join('\n')}`);
    }
    if (!hasTool('pigz')) console.log('\n(pigz is not installed, so the native multi-core line is missing; apt-get install pigz adds it)');
    console.log(`\nlayer digest (same on every engine path): ${[...digests][0]}`);
    console.log(`load average at the end: ${load()}`);
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

await main();
