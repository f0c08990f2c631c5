// Page helpers shared by the inspector's e2e specs: open an archive through the test-contract
// file input, find a blob by its digest, wait for "verified", and read a layer's file list.

import { expect, type Page } from '@playwright/test';

export const blob = (page: Page, digest: string) => page.locator(`#blob-${digest.slice('sha256:'.length)}`);
export const statusOf = (page: Page, digest: string) => blob(page, digest).locator('.blob-head .verify-text');

/** Waits until the opened archive's summary is shown. */
export const expectOpened = (page: Page) => expect(page.getByRole('region', { name: 'Opened archive' })).toBeVisible({ timeout: 30_000 });

export async function open(page: Page, path: string) {
  await page.getByLabel('Open image archive').setInputFiles(path);
  await expectOpened(page);
}

export async function expectVerified(page: Page, digests: string[]) {
  for (const digest of digests) {
    await expect(blob(page, digest)).toContainText(digest); // the full digest, as text
    await expect(statusOf(page, digest)).toHaveText('verified', { timeout: 60_000 });
  }
}

/** Selects layer L<layer> on the Layers tab and returns the names its file table lists. */
export async function layerFileNames(page: Page, layer: number): Promise<string[]> {
  await page.getByRole('button', { name: new RegExp(`^L${layer}\\b`) }).click();
  const table = page.getByRole('table', { name: `Files in layer L${layer}` });
  await expect(table.locator('.tv-path').first()).toBeVisible({ timeout: 30_000 });
  return (await table.locator('.tv-scroll .tv-path').allTextContents()).filter((n) => n !== '/' && n !== './');
}
