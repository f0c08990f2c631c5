// The first minute, as a newcomer meets it: files land in the layer aimed at when they were picked
// (and the status says they are being added); undo and redo go back 50 steps and forward again;
// the builder's and the teacher's paths work from the keyboard alone.

import { expect, test, type Page } from '@playwright/test';
import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { requireTool } from '../src/test-support/oracle.ts';
import { INSPECT_TOOLS, makeInspectFixtures } from './support/inspect-fixtures.ts';
import { useTempDir } from './support/temp-dir.ts';
import { waitForBuild } from './support/composer.ts';

const tmp = useTempDir('first-minute');
const row = (page: Page, name: string) => page.getByRole('row', { name, exact: true });
const layerCount = (page: Page, tag: string) => page.locator('.layer', { has: page.getByLabel(`Active layer ${tag}`) }).locator('.layer-count');

/** Every status text the page shows from now on that matches `pattern` (seen in the page itself). */
async function recordStatuses(page: Page, pattern: RegExp): Promise<() => Promise<string[]>> {
  await page.addInitScript((source) => {
    const seen: string[] = [];
    const re = new RegExp(source);
    (window as unknown as { statuses: string[] }).statuses = seen;
    new MutationObserver(() => {
      for (const el of document.querySelectorAll('[role="status"]')) {
        const match = re.exec(el.textContent ?? '');
        if (match && !seen.includes(match[0])) seen.push(match[0]);
      }
    }).observe(document, { subtree: true, childList: true, characterData: true });
  }, pattern.source);
  return () => page.evaluate(() => (window as unknown as { statuses: string[] }).statuses);
}

test('files picked for L1 land in L1 even when L2 is added while they are read; the status says they are being added', async ({ page }) => {
  const folder = join(tmp(), 'many');
  mkdirSync(folder);
  for (let i = 0; i < 4000; i++) writeFileSync(join(folder, `f${i}.txt`), `${i}\n`);
  const statuses = await recordStatuses(page, /Adding 4000 files/);
  await page.goto('/');
  await page.getByLabel('Add folder').setInputFiles(folder);
  await page.getByRole('button', { name: 'Add layer' }).click();
  await expect(layerCount(page, 'L1')).toContainText('4001 entries', { timeout: 60_000 });
  await expect(layerCount(page, 'L2')).toContainText('0 entries');
  expect(await statuses()).toEqual(['Adding 4000 files']);
});

test('undo and redo: 50 steps back and forward again, from the buttons and the keyboard', async ({ page }) => {
  await page.goto('/');
  for (let i = 0; i < 50; i++) await page.getByRole('button', { name: 'New folder' }).click();
  await expect(layerCount(page, 'L1')).toContainText('50 entries');
  for (let i = 0; i < 50; i++) await page.getByRole('button', { name: 'Undo' }).click();
  await expect(layerCount(page, 'L1')).toContainText('0 entries');
  await expect(page.getByRole('button', { name: 'Undo' })).toBeDisabled();
  await page.getByRole('button', { name: 'New image' }).focus();
  await page.keyboard.press('Escape');
  for (let i = 0; i < 3; i++) await page.keyboard.press('Control+Shift+Z');
  await expect(layerCount(page, 'L1')).toContainText('3 entries');

  // Typing is one step, and a text field keeps its own undo.
  await page.getByLabel('Environment').fill('A=1');
  await page.getByLabel('Environment').pressSequentially('\nB=2');
  await page.getByRole('button', { name: 'Undo' }).click();
  await expect(page.getByLabel('Environment')).toHaveValue('');
  await page.getByRole('button', { name: 'Redo' }).click();
  await expect(page.getByLabel('Environment')).toHaveValue('A=1\nB=2');
});

test('the builder, by keyboard alone: a starting point, rename, env, download', async ({ page }) => {
  await page.goto('/');
  // A keyboard user presses Tab once the page has drawn; on a loaded machine React mounts later than load.
  await expect(page.getByRole('button', { name: 'New image' })).toBeVisible();
  await page.keyboard.press('Tab');
  await expect(page.getByRole('link', { name: /Skip to the composer/ })).toBeFocused();
  await page.getByRole('button', { name: 'New image' }).focus();
  await page.keyboard.press('Enter');
  await page.getByRole('button', { name: /Text-only example/ }).focus();
  await page.keyboard.press('Enter');
  await expect(row(page, 'motd')).toBeVisible();

  // Into the tree from its toolbar, down to motd, rename it with F2.
  await page.getByRole('button', { name: 'New symlink' }).focus();
  await page.keyboard.press('Tab');
  await expect(row(page, 'etc')).toBeFocused();
  await page.keyboard.press('ArrowDown');
  await page.keyboard.press('F2');
  await page.keyboard.type('welcome');
  await page.keyboard.press('Enter');
  await expect(row(page, 'welcome')).toBeFocused();

  // Layer order by keyboard: focus stays on the layer's move buttons.
  await page.getByRole('button', { name: 'Move layer L2 down' }).focus();
  await page.keyboard.press('Enter');
  await expect(page.getByRole('button', { name: 'Move layer L1 up' })).toBeFocused();

  await page.getByLabel('Environment').focus();
  await page.keyboard.type('GREETING=hi');
  await waitForBuild(page);
  await page.getByRole('button', { name: 'Download image tar' }).focus();
  const [file] = await Promise.all([page.waitForEvent('download'), page.keyboard.press('Enter')]);
  expect(file.suggestedFilename()).toBe('example-1.0.tar');
});

test('the teacher, by keyboard alone: views and sub-tabs by arrow keys, the file table by arrow keys, a preview', async ({ page }) => {
  test.skip(!INSPECT_TOOLS.every(requireTool), 'oracle tools missing');
  const fx = makeInspectFixtures(tmp());
  await page.goto('/');
  await page.getByRole('tab', { name: 'Compose' }).focus();
  await page.keyboard.press('ArrowRight');
  await expect(page.getByRole('tab', { name: 'Inspect' })).toBeFocused();
  await expect(page.getByRole('tab', { name: 'Inspect' })).toHaveAttribute('aria-selected', 'true');
  await page.getByLabel('Open image archive').setInputFiles(fx.ociArchive);
  await expect(page.getByRole('tab', { name: 'Structure and blobs' })).toBeVisible();

  await page.getByRole('tab', { name: 'Structure and blobs' }).focus();
  await page.keyboard.press('ArrowRight');
  await expect(page.getByRole('tab', { name: 'Layers' })).toBeFocused();
  const table = page.getByRole('table', { name: 'Files in layer L1' });
  await expect(table.locator('.tv-path').first()).toBeVisible({ timeout: 30_000 });
  const rows = table.locator('.tv-scroll [role="row"]');
  await rows.first().focus();
  await page.keyboard.press('ArrowDown');
  await expect(rows.nth(1)).toBeFocused();
  await expect(table.locator('.tv-scroll [tabindex="0"]')).toHaveCount(1);
  await page.keyboard.press('End');
  const count = Number(await table.getAttribute('aria-rowcount'));
  await expect(table.locator('.tv-scroll [role="row"]:focus')).toHaveAttribute('aria-rowindex', String(count + 1));
  await page.keyboard.press('Home');
  await page.keyboard.press('ArrowDown');
  await page.keyboard.press('Enter');
  await expect(page.getByRole('region', { name: 'File preview' })).toBeVisible();

  await page.getByRole('tab', { name: 'Layers' }).focus();
  await page.keyboard.press('End');
  await expect(page.getByRole('tab', { name: 'Merged filesystem' })).toBeFocused();
  await expect(page.getByRole('tab', { name: 'Merged filesystem' })).toHaveAttribute('aria-selected', 'true');
});
