// Built layers are kept in the build store (OPFS) under their recipe: after a reload the composer
// shows the same digest without building any layer again, and an edit rebuilds only the layer it
// touched. What the store holds is shown, and reclaimed when no composition uses it. The digest
// comes from the saved document alone, before the files' contents are read back.

import { expect, test, type Page } from '@playwright/test';
import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { randomBytes } from 'node:crypto';
import { makeTempDir } from '../src/test-support/oracle.ts';
import { download, waitForBuild, waitForSaved } from './support/composer.ts';

/** Every "Building layer …" status the page shows from now on (observed in the page itself). */
async function recordBuilds(page: Page): Promise<() => Promise<string[]>> {
  await page.addInitScript(() => {
    const seen: string[] = [];
    (window as unknown as { builds: string[] }).builds = seen;
    new MutationObserver(() => {
      for (const el of document.querySelectorAll('[role="status"]')) {
        const text = el.textContent ?? '';
        if (/Building layer/.test(text) && !seen.includes(text.split('…')[0])) seen.push(text.split('…')[0]);
      }
    }).observe(document, { subtree: true, childList: true, characterData: true });
  });
  return () => page.evaluate(() => (window as unknown as { builds: string[] }).builds);
}

test('after a reload the stored layers give the digest at once; an edit rebuilds only its layer', async ({ page }) => {
  test.setTimeout(180_000);
  const tmp = makeTempDir('store');
  try {
    const big = join(tmp.path, 'big');
    mkdirSync(big);
    // Random bytes, 24 MiB: six pieces, long enough to build that its status is seen.
    writeFileSync(join(big, 'data.bin'), randomBytes(24 * 1024 * 1024));
    writeFileSync(join(tmp.path, 'note.txt'), 'small\n');

    const builds = await recordBuilds(page);
    await page.goto('/');
    await page.getByLabel('Add folder').setInputFiles(big);
    await page.getByRole('button', { name: 'Add layer' }).click();
    await page.getByLabel('Add files').setInputFiles(join(tmp.path, 'note.txt'));
    const digest = await waitForBuild(page);
    await waitForSaved(page);
    await expect(page.getByLabel('Build store')).toContainText('2 built layers');
    expect(await builds()).toContain('Building layer L1');

    await page.reload();
    expect(await waitForBuild(page)).toBe(digest);
    expect(await builds()).toEqual([]);

    // Editing the top layer rebuilds it alone; the 24 MiB layer comes from the store.
    await page.getByLabel('History text of layer L2').fill('COPY note.txt /');
    await page.getByRole('button', { name: 'New text file' }).click();
    const edited = await waitForBuild(page);
    expect(edited).not.toBe(digest);
    expect(await builds()).not.toContain('Building layer L1');
    await expect(page.getByLabel('Build store')).toContainText('2 built layers');
  } finally {
    tmp.remove();
  }
});

test('a reload shows the stored digest while the files are still being read back; edits wait for them; then every byte is there', async ({ page }) => {
  test.setTimeout(120_000);
  const tmp = makeTempDir('outline');
  try {
    writeFileSync(join(tmp.path, 'motd'), 'Hello from before the reload\n');
    await page.goto('/');
    await page.getByLabel('Add files').setInputFiles(join(tmp.path, 'motd'));
    const digest = await waitForBuild(page);
    await waitForSaved(page);
    const before = await download(page, 'Download image tar', tmp.path);

    // IndexedDB hands the files' contents back (getAll) 3 s late, as 8000 of them take a while.
    await page.addInitScript(() => {
      const getAll = IDBObjectStore.prototype.getAll;
      IDBObjectStore.prototype.getAll = function (this: IDBObjectStore, ...args: Parameters<IDBObjectStore['getAll']>) {
        const request = getAll.apply(this, args);
        let handler: ((event: Event) => void) | null = null;
        Object.defineProperty(request, 'onsuccess', { get: () => handler, set: (h) => (handler = h) });
        request.addEventListener('success', (event) => setTimeout(() => handler?.call(request, event), 3000));
        return request;
      };
    });
    await page.reload();
    const reading = page.getByText('Reading your saved files back');
    await expect(reading).toBeVisible();
    await expect(page.getByRole('status').filter({ hasText: 'Up to date' })).toBeVisible();
    expect(await page.getByLabel('Manifest digest').textContent()).toBe(digest);
    await expect(reading).toBeVisible();
    await expect(page.locator('.compose-grid > .column[inert]')).toHaveCount(2);
    // The image is there to take already: its blobs are in the build store.
    expect((await download(page, 'Download image tar', join(tmp.path))).sha256).toBe(before.sha256);

    await expect(reading).toBeHidden({ timeout: 15_000 });
    await expect(page.locator('[inert]')).toHaveCount(0);
    expect(await waitForBuild(page)).toBe(digest);
    await page.getByRole('button', { name: 'New text file' }).click();
    const edited = await waitForBuild(page);
    expect(edited).not.toBe(digest);
    await waitForSaved(page);
    // The saves after the reload kept the file's bytes: undoing the edit gives the first image again.
    await page.getByRole('button', { name: 'Undo' }).click();
    expect(await waitForBuild(page)).toBe(digest);
    await waitForSaved(page);
    await page.reload();
    await expect(reading).toBeHidden({ timeout: 15_000 });
    expect(await waitForBuild(page)).toBe(digest);
  } finally {
    tmp.remove();
  }
});
