// Feature detection, not browser sniffing: take an API away (in the page with an init script, in
// workers by prefixing their scripts) and the app must say what is slower or unavailable, and
// keep working where it can. Screenshots of the notes go to SHOTS_DIR.

import { expect, test, type Page } from '@playwright/test';
import { copyFileSync, mkdirSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { requireTool } from '../src/test-support/oracle.ts';
import { waitForBuild } from './support/composer.ts';
import { INSPECT_TOOLS, makeInspectFixtures, rawManifest } from './support/inspect-fixtures.ts';
import { expectOpened, expectVerified, open } from './support/inspect-page.ts';
import { shotsAtWidths } from './support/shots.ts';
import { useTempDir } from './support/temp-dir.ts';
import { zstdArchive } from './engines/checks.ts';

const shotsDir = process.env.SHOTS_DIR ?? join(tmpdir(), 'layerpad-capability-shots');
const tmp = useTempDir('capabilities');

// Route interception must see the app's own worker scripts, not a service worker's cached copies.
test.use({ serviceWorkers: 'block' });

const notes = (page: Page) => page.getByRole('complementary', { name: 'What this browser cannot do' });

/** Runs `source` at the top of every worker script the app loads, before the worker's own code. */
async function prefixWorkers(page: Page, source: string) {
  await page.route(/\/assets\/[^/]*\.worker-[^/]*\.js$/, async (route) => {
    const response = await route.fetch();
    await route.fulfill({ response, body: `${source}\n${await response.text()}` });
  });
}


/** Adds busybox and a motd at / with "Add files" and waits for the build. */
async function composeWithFiles(page: Page): Promise<string> {
  const src = join(tmp(), `src-${Date.now()}`);
  mkdirSync(src);
  copyFileSync('/bin/busybox', join(src, 'busybox'));
  writeFileSync(join(src, 'motd'), 'hello\n');
  await page.getByLabel('Add files').setInputFiles([join(src, 'busybox'), join(src, 'motd')]);
  await expect(page.getByRole('row', { name: /motd/ })).toBeVisible();
  return waitForBuild(page);
}

test('a browser with everything shows no notes', async ({ page }) => {
  // The notes are decided once the probe worker has answered and been closed.
  const probeClosed = new Promise<void>((resolve) =>
    page.on('worker', (worker) => worker.url().includes('capability-probe') && worker.once('close', () => resolve())),
  );
  await page.goto('/');
  await expect(page.getByRole('heading', { name: 'Filesystem' })).toBeVisible();
  await expect(page.getByLabel('Add folder')).toHaveCount(1);
  await probeClosed;
  await page.waitForTimeout(300);
  await expect(notes(page)).toHaveCount(0);
});

test('no folder picker: the note says so, the folder buttons are gone, files still go in', async ({ page }) => {
  test.skip(!requireTool('busybox'), 'busybox missing');
  await page.addInitScript(() => delete (HTMLInputElement.prototype as { webkitdirectory?: boolean }).webkitdirectory);
  await page.goto('/');
  await expect(notes(page)).toContainText('Folders cannot be picked here');
  await expect(page.getByLabel('Add folder')).toHaveCount(0);
  await expect(page.getByText('Drop files or folders here, or use “Add files”.')).toBeVisible();
  await shotsAtWidths(page, shotsDir, 'no-folder-picker');
  expect(await composeWithFiles(page)).toMatch(/^sha256:/);
  await page.getByRole('tab', { name: 'Inspect' }).click();
  await expect(page.getByLabel('Open image archive')).toHaveCount(1);
  await expect(page.getByLabel('Open OCI layout folder')).toHaveCount(0);
});

test('no service workers: the note says it cannot work offline; the app still builds', async ({ page }) => {
  test.skip(!requireTool('busybox'), 'busybox missing');
  await page.addInitScript(() => delete (Navigator.prototype as { serviceWorker?: unknown }).serviceWorker);
  await page.goto('/');
  await expect(notes(page)).toContainText('Layerpad cannot work offline here');
  expect(await composeWithFiles(page)).toMatch(/^sha256:/);
});

test('no module workers: the note says building and inspecting do not work; both views still render', async ({ page }) => {
  const errors: string[] = [];
  page.on('pageerror', (error) => errors.push(error.message));
  // What browsers without module workers do: reject the option in the constructor.
  await page.addInitScript(() => {
    const Native = window.Worker;
    window.Worker = class extends Native {
      constructor(url: string | URL, options?: WorkerOptions) {
        if (options?.type === 'module') throw new TypeError('Module scripts are not supported on DedicatedWorker yet');
        super(url, options);
      }
    };
  });
  await page.goto('/');
  await expect(notes(page)).toContainText('Building and inspecting images do not work in this browser');
  await expect(page.getByRole('heading', { name: 'Filesystem' })).toBeVisible();
  await shotsAtWidths(page, shotsDir, 'no-module-workers');
  await page.getByRole('tab', { name: 'Inspect' }).click();
  await expect(page.getByLabel('Open image archive')).toHaveCount(1);
  expect(errors).toEqual([]);
});

test('no OPFS sync access handles in workers: the note says layers stay in memory; the build is the same', async ({ page, browser, baseURL }) => {
  test.skip(!requireTool('busybox'), 'busybox missing');
  await page.goto('/');
  const onDisk = await composeWithFiles(page);
  expect(await storedBlobs(page)).toBeGreaterThan(0);

  const context = await browser.newContext({ baseURL, serviceWorkers: 'block' });
  try {
    const memory = await context.newPage();
    await prefixWorkers(memory, 'delete FileSystemFileHandle.prototype.createSyncAccessHandle;');
    await memory.goto('/');
    await expect(notes(memory)).toContainText('Built layers are kept in memory');
    await shotsAtWidths(memory, shotsDir, 'no-sync-access-handles');
    expect(await composeWithFiles(memory)).toBe(onDisk);
    expect(await storedBlobs(memory)).toBe(0);
  } finally {
    await context.close();
  }
});

/** How many files the engine has stored in this origin's OPFS (its build folders, see opfs-sink.ts). */
function storedBlobs(page: Page): Promise<number> {
  return page.evaluate(async () => {
    const count = async (dir: FileSystemDirectoryHandle): Promise<number> => {
      let n = 0;
      for await (const handle of (dir as unknown as { values(): AsyncIterable<FileSystemHandle> }).values()) {
        n += handle.kind === 'file' ? 1 : await count(handle as FileSystemDirectoryHandle);
      }
      return n;
    };
    return count(await navigator.storage.getDirectory());
  });
}

test('no CompressionStream or DecompressionStream anywhere: no note, and zstd and gzip archives open verified', async ({ page }) => {
  test.skip(!INSPECT_TOOLS.every(requireTool), 'oracle tools missing');
  const dir = join(tmp(), 'zstd');
  mkdirSync(dir);
  const fx = makeInspectFixtures(dir);
  const archive = zstdArchive(fx.layout, join(dir, 'zstd.tar'));
  const remove = 'delete globalThis.CompressionStream; delete globalThis.DecompressionStream;';
  await page.addInitScript(remove);
  await prefixWorkers(page, remove);
  await page.goto('/#inspect');
  expect(await page.evaluate(() => typeof DecompressionStream)).toBe('undefined');
  await open(page, archive);
  await expectOpened(page);
  await expect(page.getByRole('status', { name: 'Verification result' })).toContainText('verified', { timeout: 60_000 });
  await expect(page.getByRole('status', { name: 'Verification result' })).not.toContainText('mismatch');
  // umoci's gzip layers, read by the zlib pass alone (the engine's decoder is the first choice).
  await open(page, fx.ociArchive);
  const raw = rawManifest(`oci:${fx.layout}:t`);
  await expectVerified(page, raw.layers.map((l) => l.digest));
  await expect(page.getByRole('status', { name: 'Verification result' })).not.toContainText(/mismatch|unverified/);
  await expect(notes(page)).toHaveCount(0);
});
