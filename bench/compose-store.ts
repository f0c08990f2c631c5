// `npm run bench:store`: the build store and multi-platform builds, through the built app in
// headless Chromium, on a folder of the benchmarks' mixed content (~262 MB, BENCH_MIB):
//  - add the folder, until the manifest digest is stable (a full build);
//  - reload the page, until the same digest shows again (layers found in the build store);
//  - a fresh page with two platforms: the folder in a shared layer plus a small per-platform
//    layer each, until the index digest shows (the shared layer must be built once).
import { mkdirSync, writeFileSync } from 'node:fs';
import { availableParallelism, loadavg } from 'node:os';
import { join } from 'node:path';
import { chromium, expect } from '@playwright/test';
import { chromiumArgs, chromiumPath } from '../e2e/support/chromium.ts';
import { makeTempDir } from '../src/test-support/oracle.ts';
import { serveApp } from './serve-app.ts';
import { digestShown } from './page-wait.ts';
import { writeMixedTree } from './mixed-tree.ts';

const MiB = 1024 * 1024;
const totalBytes = Number(process.env.BENCH_MIB ?? 250) * MiB;

async function timed<T>(work: () => Promise<T>): Promise<[T, number]> {
  const start = performance.now();
  const result = await work();
  return [result, (performance.now() - start) / 1000];
}

async function main() {
  const tmp = makeTempDir('bench-store');
  const load = () => loadavg().map((l) => l.toFixed(2)).join(' ');
  try {
    console.log(`Layerpad build store bench: ${(totalBytes / MiB).toFixed(0)} MiB of mixed files, ${availableParallelism()} cores, load average ${load()}`);
    const folder = join(tmp.path, 'content');
    mkdirSync(folder);
    await writeMixedTree(folder, totalBytes, 7);
    for (const arch of ['amd64', 'arm64']) {
      mkdirSync(join(tmp.path, arch));
      writeFileSync(join(tmp.path, arch, 'app'), `the ${arch} app\n`);
    }
    const app = await serveApp(tmp.path);
    const browser = await chromium.launch({ executablePath: chromiumPath() || undefined, args: chromiumArgs });
    try {
      const context = await browser.newContext();
      const page = await context.newPage();
      await page.goto(app.url);
      const empty = await digestShown(page, 'Manifest digest');
      const [digest, buildSeconds] = await timed(async () => {
        await page.getByLabel('Add folder').setInputFiles(folder);
        return digestShown(page, 'Manifest digest', empty);
      });
      await expect(page.getByLabel('Save state')).toHaveText('Saved in this browser', { timeout: 600_000 });
      const [again, reloadSeconds] = await timed(async () => {
        await page.reload();
        return digestShown(page, 'Manifest digest');
      });
      if (again !== digest) throw new Error(`after the reload the digest is ${again}, not ${digest}`);

      const fresh = await (await browser.newContext()).newPage();
      await fresh.goto(app.url);
      await fresh.getByLabel('Platform to add').selectOption('linux/arm64');
      await fresh.getByRole('button', { name: 'Add platform' }).click();
      const emptyIndex = await digestShown(fresh, 'Index digest');
      const [, twoPlatformSeconds] = await timed(async () => {
        await fresh.getByLabel('Add folder').setInputFiles(folder);
        await fresh.getByRole('button', { name: 'Add layer' }).click();
        await fresh.getByText('per platform').first().click();
        const filesOf = fresh.getByRole('radiogroup', { name: 'Files of platform' });
        for (const arch of ['amd64', 'arm64']) {
          await filesOf.getByText(`linux/${arch}`).click();
          await fresh.getByLabel('Add files').setInputFiles(join(tmp.path, arch, 'app'));
        }
        return digestShown(fresh, 'Index digest', emptyIndex);
      });
      console.log('');
      console.log(`one platform, add the folder -> stable digest:        ${buildSeconds.toFixed(2)} s`);
      console.log(`reload -> the same digest (from the build store):     ${reloadSeconds.toFixed(2)} s  (${(buildSeconds / reloadSeconds).toFixed(1)}x faster than building)`);
      console.log(`two platforms, shared folder + one layer each -> index: ${twoPlatformSeconds.toFixed(2)} s  (${(twoPlatformSeconds / buildSeconds).toFixed(2)}x the one-platform build)`);
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
