// Nothing is lost: a build worker that dies is restarted and downloads work again without an
// edit, byte for byte the same; a storage quota that refuses a file says what was not saved while
// the work stays usable, and a reload brings back the last whole version; two tabs on one image
// do not overwrite each other silently; a file changed on disk after it was added is named.

import { expect, test, type Page } from '@playwright/test';
import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { makeTempDir } from '../src/test-support/oracle.ts';
import { download, waitForBuild, waitForSaved } from './support/composer.ts';

const row = (page: Page, name: string) => page.getByRole('row', { name, exact: true });
const tmp = makeTempDir('nothing-lost');
test.afterAll(() => tmp.remove());

function fileOf(name: string, body: string | Uint8Array): string {
  const path = join(tmp.path, name);
  writeFileSync(path, body);
  return path;
}

test('a build worker that dies is restarted; the download is the same bytes without an edit', async ({ page }) => {
  await page.goto('/');
  await page.getByLabel('Add files').setInputFiles(fileOf('motd', 'hello\n'));
  const digest = await waitForBuild(page);
  mkdirSync(join(tmp.path, 'before'));
  const before = await download(page, 'Download image tar', join(tmp.path, 'before'));

  const engine = page.workers().find((w) => w.url().includes('engine.worker'));
  expect(engine, 'the engine worker runs').toBeDefined();
  // An uncaught error in the worker is what a crash looks like to the page.
  await engine!.evaluate(() => setTimeout(() => { throw new Error('simulated crash'); }));
  await expect(page.getByRole('status').filter({ hasText: 'it was restarted' })).toBeVisible();
  expect(await waitForBuild(page)).toBe(digest);
  mkdirSync(join(tmp.path, 'after'));
  expect((await download(page, 'Download image tar', join(tmp.path, 'after'))).sha256).toBe(before.sha256);
});

test('a quota that refuses a file: it says what was not saved, work goes on, a reload brings the last whole version', async ({ page }) => {
  await page.goto('/');
  await page.getByLabel('Add files').setInputFiles(fileOf('small.txt', 'small\n'));
  await waitForSaved(page);
  // From now on storage refuses anything over 1 MiB, as a full quota would.
  await page.evaluate(() => {
    const put = IDBObjectStore.prototype.put;
    IDBObjectStore.prototype.put = function (value: unknown, key?: IDBValidKey) {
      if (value instanceof Blob && value.size > 1024 * 1024) throw new DOMException('The quota has been exceeded.', 'QuotaExceededError');
      return put.call(this, value, key);
    };
  });
  await page.getByLabel('Add files').setInputFiles(fileOf('big.bin', new Uint8Array(3 * 1024 * 1024).fill(7)));
  await expect(page.getByRole('alert')).toContainText("1 file (3.00 MiB) could not be stored (this browser's storage is full)");
  await expect(page.getByLabel('Save state')).toHaveText('Not saved');
  await waitForBuild(page);
  await expect(page.getByRole('button', { name: 'Download image tar' })).toBeEnabled();

  await page.reload();
  await expect(row(page, 'small.txt')).toBeVisible();
  await expect(row(page, 'big.bin')).toHaveCount(0);
  await expect(page.locator('.notice-error')).toHaveCount(0);
});

test('two tabs on one image: the other tab is told, and saves only when the person says so', async ({ page, context }) => {
  await page.goto('/');
  await page.getByLabel('Add files').setInputFiles(fileOf('first.txt', 'one\n'));
  await waitForSaved(page);
  const other = await context.newPage();
  await other.goto('/');
  await expect(row(other, 'first.txt')).toBeVisible();

  await page.getByLabel('Add files').setInputFiles(fileOf('from-a.txt', 'a\n'));
  await waitForSaved(page);
  await expect(other.getByLabel('Save state')).toHaveText('Changed in another tab');
  await other.getByLabel('Add files').setInputFiles(fileOf('from-b.txt', 'b\n'));
  await other.waitForTimeout(1000);
  await expect(other.getByLabel('Save state')).toHaveText('Changed in another tab');

  await other.getByRole('button', { name: 'Save this one over it' }).click();
  await expect(other.getByLabel('Save state')).toHaveText('Saved in this browser');
  await expect(page.getByLabel('Save state')).toHaveText('Changed in another tab');
  await page.getByRole('button', { name: 'Load that version' }).click();
  await expect(row(page, 'from-b.txt')).toBeVisible();
  await expect(row(page, 'from-a.txt')).toHaveCount(0);
});

test('a file changed on disk after it was added: the build names it and says to add it again', async ({ page }) => {
  await page.goto('/');
  const path = fileOf('app.bin', 'first version\n');
  await page.getByLabel('Add files').setInputFiles(path);
  await waitForBuild(page);
  writeFileSync(path, 'a second, different version\n');
  await page.getByLabel('Created').fill('2024-01-01T00:00:00Z');
  await expect(page.getByRole('alert')).toContainText('/app.bin can no longer be read: it was changed, moved or deleted on disk after being added. Add it again.');
});
