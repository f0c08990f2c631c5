// The composer's tree: it works from the keyboard: arrows move the selection, Enter folds a folder,
// F2 renames through the name field and returns to the tree, Delete removes one or several; and
// entries move between folders by mouse drag; files and folders dropped from the OS land in the
// folder under the pointer with their structure kept.

import { expect, test, type Page } from '@playwright/test';
import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { makeTempDir } from '../src/test-support/oracle.ts';

const row = (page: Page, name: string) => page.getByRole('row', { name, exact: true });

test('tree keyboard: arrows, Enter, F2, Delete', async ({ page }) => {
  // Deleting a folder with contents asks first; this test says yes.
  page.on('dialog', (dialog) => void dialog.accept());
  await page.goto('/');
  await page.getByRole('button', { name: 'New image' }).click();
  await page.getByRole('button', { name: /Text-only example/ }).click();
  await expect(row(page, 'README.txt')).toBeVisible();

  // Focus the tree with the keyboard: Tab from the last enabled toolbar button.
  await page.getByRole('button', { name: 'New symlink' }).focus();
  await page.keyboard.press('Tab');
  await expect(row(page, 'etc')).toBeFocused();
  await page.keyboard.press('ArrowDown');
  await expect(row(page, 'motd')).toBeFocused();
  await expect(row(page, 'motd')).toHaveAttribute('aria-selected', 'true');

  // F2 -> name field, type, Enter -> renamed and focus back on the row.
  await page.keyboard.press('F2');
  await expect(page.getByLabel('Name', { exact: true })).toBeFocused();
  await page.keyboard.type('message');
  await page.keyboard.press('Enter');
  await expect(row(page, 'message')).toBeFocused();
  await expect(row(page, 'motd')).toHaveCount(0);

  // A clear message for a bad name; the entry keeps its name.
  await page.keyboard.press('F2');
  await page.keyboard.type('a/b');
  await page.keyboard.press('Enter');
  await expect(page.getByRole('alert')).toContainText('cannot contain "/"');
  await page.keyboard.press('Escape');
  await expect(row(page, 'message')).toBeFocused();

  // Delete removes the selected entry.
  await page.keyboard.press('Delete');
  await expect(row(page, 'message')).toHaveCount(0);

  // Enter folds and unfolds a folder.
  await row(page, 'usr').focus();
  await page.keyboard.press('Enter');
  await expect(row(page, 'README.txt')).toHaveCount(0);
  await page.keyboard.press('Enter');
  await expect(row(page, 'README.txt')).toBeVisible();

  // Shift+Arrow selects several; Delete removes them all.
  await row(page, 'os-release').focus();
  await page.keyboard.press('ArrowUp');
  await expect(row(page, 'etc')).toBeFocused();
  await page.keyboard.press('ArrowDown');
  await page.keyboard.press('Shift+ArrowUp');
  await expect(row(page, 'etc')).toHaveAttribute('aria-selected', 'true');
  await expect(row(page, 'os-release')).toHaveAttribute('aria-selected', 'true');
  await page.keyboard.press('Delete');
  await expect(row(page, 'etc')).toHaveCount(0);
  await expect(row(page, 'os-release')).toHaveCount(0);
  await expect(row(page, 'usr')).toBeVisible();
});

test('tree drag and drop moves an entry into a folder', async ({ page }) => {
  await page.goto('/');
  await page.getByRole('button', { name: 'New image' }).click();
  await page.getByRole('button', { name: /Text-only example/ }).click();
  const from = (await row(page, 'README.txt').boundingBox())!;
  const to = (await row(page, 'etc').boundingBox())!;
  await page.mouse.move(from.x + 80, from.y + from.height / 2);
  await page.mouse.down();
  await page.mouse.move(from.x + 90, from.y + from.height / 2 + 5, { steps: 3 });
  await page.mouse.move(to.x + 80, to.y + to.height / 2, { steps: 10 });
  await page.mouse.up();
  await expect(page.locator('[data-key="etc/README.txt"]')).toBeVisible();
  await expect(page.locator('[data-key="usr/share/doc/example/README.txt"]')).toHaveCount(0);
});

test('files and folders dropped from the OS land in the folder under the pointer', async ({ page }) => {
  const tmp = makeTempDir('os-drop');
  try {
    mkdirSync(join(tmp.path, 'conf', 'nested'), { recursive: true });
    writeFileSync(join(tmp.path, 'conf', 'nested', 'a.txt'), 'a\n');
    writeFileSync(join(tmp.path, 'run.sh'), '#!/bin/sh\n');
    await page.goto('/');
    await page.getByRole('button', { name: 'New image' }).click();
    await page.getByRole('button', { name: /Text-only example/ }).click();
    const target = (await row(page, 'etc').boundingBox())!;
    // A real OS drag (CDP), so DataTransfer entries exist as they do for a person's drop.
    const cdp = await page.context().newCDPSession(page);
    const data = { items: [], files: [join(tmp.path, 'conf'), join(tmp.path, 'run.sh')], dragOperationsMask: 1 };
    const at = { x: target.x + 80, y: target.y + target.height / 2, data };
    for (const type of ['dragEnter', 'dragOver', 'dragOver', 'drop'] as const) await cdp.send('Input.dispatchDragEvent', { type, ...at });
    await expect(page.locator('[data-key="etc/conf/nested/a.txt"]')).toBeVisible();
    await expect(page.locator('[data-key="etc/run.sh"]')).toContainText('-rwxr-xr-x');
  } finally {
    tmp.remove();
  }
});
