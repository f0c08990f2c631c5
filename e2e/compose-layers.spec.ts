// Layers in the composer: merged and single-layer views with added/modified marks, history text,
// reordering (digests change and come back: builds are deterministic) and deleting a layer.

import { expect, test, type Page } from '@playwright/test';
import { waitForBuild } from './support/composer.ts';

const row = (page: Page, name: string) => page.getByRole('row', { name, exact: true });

test('layers: views, history text, reorder, delete', async ({ page }) => {
  await page.goto('/');
  await page.getByRole('button', { name: 'New image' }).click();
  await page.getByRole('button', { name: /Text-only example/ }).click();
  const original = await waitForBuild(page);

  // Merged: L2's motd replaces L1's and says so in words, not only colour.
  await expect(row(page, 'motd')).toContainText('modified');
  await expect(row(page, 'os-release')).toContainText('added');
  await expect(row(page, 'os-release')).toContainText('L1');

  await page.getByText('Active layer only').click();
  await expect(row(page, 'README.txt')).toBeVisible();
  await expect(row(page, 'os-release')).toHaveCount(0);
  await page.getByRole('radio', { name: 'Active layer L1' }).check();
  await expect(row(page, 'os-release')).toBeVisible();
  await expect(row(page, 'README.txt')).toHaveCount(0);
  await page.getByText('Merged', { exact: true }).click();

  // History text goes into the config.
  await page.getByLabel('History text of layer L2').fill('COPY docs/ /usr/share/doc/');
  await expect(page.getByLabel('Config JSON')).toContainText('"COPY docs/ /usr/share/doc/"');
  const renamed = await waitForBuild(page);
  expect(renamed).not.toBe(original);

  // Reordering changes the image; restoring the order restores the exact digest.
  await page.getByRole('button', { name: 'Move layer L2 down' }).click();
  await expect(row(page, 'motd')).toContainText('L2');
  await expect(row(page, 'motd')).toContainText('modified');
  const swapped = await waitForBuild(page);
  expect(swapped).not.toBe(renamed);
  await page.getByRole('button', { name: 'Move layer L1 up' }).click();
  await expect.poll(() => waitForBuild(page)).toBe(renamed);

  // Deleting a layer asks first, then its files are gone.
  page.once('dialog', (dialog) => void dialog.accept());
  await page.getByRole('button', { name: 'Delete layer L2' }).click();
  await expect(row(page, 'README.txt')).toHaveCount(0);
  await expect(row(page, 'motd')).toContainText('added');
  await expect(page.getByRole('button', { name: 'Delete layer L1' })).toBeDisabled();
});
