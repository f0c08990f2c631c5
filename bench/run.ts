// `npm run bench`: builds a ~256 MiB layer of mixed content through the engine in Node and in
// headless Chromium (module worker), and runs the native pipeline `tar c | gzip -6 | sha256sum`
// on the same files in the same run. Prints MiB/s of tar input and each path's ratio to native.
import { execFileSync } from 'node:child_process';
import { mkdtempSync, mkdirSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { buildLayer } from '../src/core/build/layer.ts';
import { mixedEntries } from './mixed-content.ts';
import { openLab } from './serve-lab.ts';
import type { LabApi } from './browser/lab.worker.ts';

const MiB = 1024 * 1024;
const totalBytes = Number(process.env.BENCH_MIB ?? 256) * MiB;
const seed = 42;

interface Row {
  path: string;
  seconds: number;
  tarBytes: number;
  note?: string;
}

async function writeToDisk(dir: string): Promise<void> {
  for (const entry of mixedEntries(totalBytes, seed)) {
    const file = join(dir, entry.path);
    mkdirSync(dirname(file), { recursive: true });
    writeFileSync(file, new Uint8Array(await entry.content!.arrayBuffer()));
  }
}

function nativePipeline(dir: string): Row {
  // Count tar bytes in a separate run so the timed pipeline is exactly the native one.
  const tarBytes = Number(execFileSync('bash', ['-c', `tar -C "${dir}" -c . | wc -c`]).toString().trim());
  const start = performance.now();
  execFileSync('bash', ['-c', `set -o pipefail; tar -C "${dir}" -c . | gzip -6 | sha256sum >/dev/null`]);
  return { path: 'native tar c | gzip -6 | sha256sum', seconds: (performance.now() - start) / 1000, tarBytes };
}

async function nodeEngine(): Promise<Row & { digest: string }> {
  const entries = mixedEntries(totalBytes, seed);
  const start = performance.now();
  const layer = await buildLayer({ kind: 'entries', entries }, { created: '1970-01-01T00:00:00Z' });
  const seconds = (performance.now() - start) / 1000;
  return { path: 'Layerpad engine, Node (1 thread)', seconds, tarBytes: layer.tarSize!, digest: layer.descriptor.digest };
}

async function chromiumEngine(): Promise<Row & { digest: string }> {
  const lab = await openLab();
  try {
    const result = await lab.page.evaluate(
      ([bytes, s]) => (window as unknown as { layerpadLab: LabApi }).layerpadLab.benchLayer(bytes, s),
      [totalBytes, seed] as const,
    );
    return { path: 'Layerpad engine, Chromium (1 worker)', seconds: result.ms / 1000, tarBytes: result.tarSize, digest: result.digest };
  } finally {
    await lab.close();
  }
}

async function main() {
  const dir = mkdtempSync(join(tmpdir(), 'layerpad-bench-'));
  try {
    console.log(`Layerpad bench: ${(totalBytes / MiB).toFixed(0)} MiB of mixed content (seed ${seed})`);
    await writeToDisk(dir);
    const native = nativePipeline(dir);
    const node = await nodeEngine();
    const browser = await chromiumEngine();
    if (node.digest !== browser.digest) throw new Error(`layer digest differs: Node ${node.digest}, Chromium ${browser.digest}`);
    const rate = (r: Row) => r.tarBytes / MiB / r.seconds;
    console.log('');
    console.log('path'.padEnd(44) + 'MiB/s'.padStart(8) + 'seconds'.padStart(10) + '  ratio to native');
    for (const row of [native, node, browser]) {
      console.log(row.path.padEnd(44) + rate(row).toFixed(1).padStart(8) + row.seconds.toFixed(2).padStart(10) + '  ' + (rate(row) / rate(native)).toFixed(2));
    }
    console.log(`\nlayer digest (Node = Chromium): ${node.digest}`);
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

await main();
