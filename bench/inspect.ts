// `npm run bench:inspect`: a real `docker save` of about 1 GiB (BENCH_MIB), made by a private
// Docker daemon from the benchmarks' mixed content, opened in the built app in headless Chromium.
// Measures what the inspector issue promises: the structure within seconds, the tab's memory far
// below the archive's size, and verification speed beside `sha256sum` of the same file in the
// same run (the native floor: verifying means hashing every byte at least once).
import { execFileSync } from 'node:child_process';
import { mkdirSync, statSync } from 'node:fs';
import { availableParallelism, loadavg } from 'node:os';
import { join } from 'node:path';
import { chromium, expect, type Page } from '@playwright/test';
import { chromiumArgs, chromiumPath } from '../e2e/support/chromium.ts';
import { startPrivateDocker } from '../src/test-support/docker-daemon.ts';
import { makeTempDir } from '../src/test-support/oracle.ts';
import { writeMixedTree } from './mixed-tree.ts';
import { serveApp } from './serve-app.ts';

const MiB = 1024 * 1024;
const totalBytes = Number(process.env.BENCH_MIB ?? 1024) * MiB;
const seed = 7;
const IMAGE = 'layerpad-bench/big:1';

function seconds<T>(work: () => T): [T, number] {
  const start = performance.now();
  const result = work();
  return [result, (performance.now() - start) / 1000];
}

/** Resident memory of this process's Chromium processes (browser, renderers, GPU, utilities), in bytes. */
function chromiumRss(): number {
  const rows = execFileSync('ps', ['-e', '-o', 'pid=,ppid=,rss=,comm=']).toString().trim().split('\n');
  const procs = rows.map((r) => r.trim().split(/\s+/)).map(([pid, ppid, rss, comm]) => ({ pid: Number(pid), ppid: Number(ppid), rss: Number(rss), comm }));
  const ours = new Set([process.pid]);
  for (let grew = true; grew; ) {
    grew = false;
    for (const p of procs) if (!ours.has(p.pid) && ours.has(p.ppid)) (ours.add(p.pid), (grew = true));
  }
  return procs.filter((p) => ours.has(p.pid) && /chrom/i.test(p.comm)).reduce((n, p) => n + p.rss * 1024, 0);
}

async function makeDockerSave(dir: string): Promise<string> {
  const rootfs = join(dir, 'rootfs');
  mkdirSync(rootfs);
  await writeMixedTree(rootfs, totalBytes, seed);
  execFileSync('tar', ['-C', rootfs, '-cf', join(dir, 'rootfs.tar'), '.']);
  execFileSync('rm', ['-rf', rootfs]);
  const daemon = await startPrivateDocker();
  try {
    daemon.docker(['import', join(dir, 'rootfs.tar'), IMAGE]);
    const saved = join(dir, 'docker-save.tar');
    daemon.docker(['save', '--output', saved, IMAGE]);
    return saved;
  } finally {
    await daemon.stop();
    execFileSync('rm', ['-f', join(dir, 'rootfs.tar')]);
  }
}

const heapOf = (page: Page) => page.evaluate(() => (performance as unknown as { memory?: { usedJSHeapSize: number } }).memory?.usedJSHeapSize ?? -1);

async function main() {
  const tmp = makeTempDir('bench-inspect');
  try {
    const load = () => loadavg().map((l) => l.toFixed(2)).join(' ');
    console.log(`Layerpad inspector bench: docker save of ${(totalBytes / MiB).toFixed(0)} MiB of mixed content, ${availableParallelism()} cores, load average ${load()}`);
    const archive = await makeDockerSave(tmp.path);
    const size = statSync(archive).size;
    const [, nativeSeconds] = seconds(() => execFileSync('sha256sum', [archive]));
    const app = await serveApp(tmp.path);
    const browser = await chromium.launch({ executablePath: chromiumPath() || undefined, args: chromiumArgs });
    try {
      const page = await browser.newPage();
      await page.goto(`${app.url}/#inspect`);
      await expect(page.getByLabel('Open image archive')).toBeAttached();
      const rssBefore = chromiumRss();

      const picked = performance.now();
      await page.getByLabel('Open image archive').setInputFiles(archive);
      await expect(page.getByRole('region', { name: 'Opened archive' })).toBeVisible({ timeout: 60_000 });
      const shownMs = performance.now() - picked;
      await expect(page.getByLabel('Format')).toHaveText(/docker save/);
      const heapAtStructure = await heapOf(page);

      const result = page.getByRole('status', { name: 'Verification result' });
      await expect(result).toContainText(/\d+ verified/, { timeout: 1_800_000 });
      const verifySeconds = (performance.now() - picked) / 1000;
      await expect(result).not.toContainText(/mismatch|missing|unverified/);
      const rssAfterVerify = chromiumRss();

      const clicked = performance.now();
      await page.getByRole('tab', { name: 'Layers' }).click();
      await expect(page.getByRole('table', { name: 'Files in layer L1' }).locator('.tv-path').first()).toBeVisible({ timeout: 600_000 });
      const layersMs = performance.now() - clicked;
      const heapAtEnd = await heapOf(page);
      const rssAtEnd = chromiumRss();

      const mib = (n: number) => `${(n / MiB).toFixed(1)} MiB`;
      const rate = (s: number) => `${(size / MiB / s).toFixed(1)} MiB/s`;
      console.log('');
      console.log(`archive: ${mib(size)} (Docker's legacy save: <id>/layer.tar + manifest.json)`);
      console.log(`native sha256sum of the archive:          ${nativeSeconds.toFixed(2)} s  ${rate(nativeSeconds)}`);
      console.log(`pick -> structure shown:                  ${shownMs.toFixed(0)} ms`);
      console.log(`pick -> every blob verified (+ listed):   ${verifySeconds.toFixed(2)} s  ${rate(verifySeconds)}  ratio to sha256sum ${(nativeSeconds / verifySeconds).toFixed(2)}`);
      console.log(`Layers tab after verification:            ${layersMs.toFixed(0)} ms`);
      console.log(`page JS heap: ${mib(heapAtStructure)} at structure, ${mib(heapAtEnd)} at the end`);
      const grew = (n: number) => `+${mib(n - rssBefore)} (${(((n - rssBefore) / size) * 100).toFixed(1)} % of the archive)`;
      console.log(`Chromium RSS, all its processes: ${mib(rssBefore)} before opening; ${grew(rssAfterVerify)} after verifying, ${grew(rssAtEnd)} with the layer listed`);
      console.log(`load average at the end: ${load()}`);
    } finally {
      await browser.close();
      await app.close();
    }
  } finally {
    tmp.remove();
  }
}

await main();
