// Explainers that teach without blocking: a "?" opens its note right under what it explains,
// above (never over) the next input, with a link to the spec section; Escape closes it and
// gives focus back to its button, and so does a click outside. Every key of the config, the
// manifest and index.json says on hover what it means. Screenshots go to SHOTS_DIR.

import { expect, test } from '@playwright/test';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { waitForBuild } from './support/composer.ts';
import { regionShots } from './support/region-shots.ts';

const shotsDir = process.env.SHOTS_DIR ?? join(tmpdir(), 'layerpad-teach-shots');

test('a "?" opens beside its field without covering the next input, links to the spec, and closes on Escape or a click outside', async ({ page }) => {
  await page.goto('/');
  const toggle = page.getByRole('button', { name: 'What is Environment?' });
  await toggle.click();
  const note = page.getByRole('note').filter({ hasText: 'Variables set in the container' });
  await expect(note).toBeVisible();
  await expect(note.getByRole('link', { name: 'Spec' })).toHaveAttribute('href', /config\.md#properties$/);
  const noteBox = (await note.boundingBox())!;
  const inputBox = (await page.getByLabel('Environment').boundingBox())!;
  const labelBox = (await page.locator('label', { hasText: /^Environment$/ }).boundingBox())!;
  expect(noteBox.y).toBeGreaterThanOrEqual(labelBox.y + labelBox.height - 1);
  expect(noteBox.y + noteBox.height).toBeLessThanOrEqual(inputBox.y + 1);
  await regionShots(page, page.locator('.field', { has: page.getByLabel('Environment') }), shotsDir, 'explainer-open');

  await page.keyboard.press('Escape');
  await expect(note).toBeHidden();
  await expect(toggle).toBeFocused();

  await toggle.click();
  await expect(note).toBeVisible();
  await page.getByRole('heading', { name: 'Filesystem' }).click();
  await expect(note).toBeHidden();
});

test('every key of the config, the manifest and index.json says what it means on hover', async ({ page }) => {
  await page.goto('/');
  await page.getByLabel('Environment').fill('A=1');
  await expect(page.getByLabel('Config JSON')).toContainText('A=1', { timeout: 60_000 });
  await waitForBuild(page);
  const key = (doc: string, name: string) => page.getByLabel(doc).locator('.json-key', { hasText: new RegExp(`^"${name}"$`) }).first();
  await expect(key('Config JSON', 'Env')).toHaveAttribute('title', /Environment variables/);
  await expect(key('Config JSON', 'diff_ids')).toHaveAttribute('title', /uncompressed layer tar/);
  await expect(key('Manifest JSON', 'layers')).toHaveAttribute('title', /bottom first/);
  await expect(key('index.json JSON', 'manifests')).toHaveAttribute('title', /manifests/);
  for (const doc of ['Config JSON', 'Manifest JSON', 'index.json JSON']) {
    const keys = page.getByLabel(doc).locator('.json-key');
    const titles = await keys.evaluateAll((els) => els.map((el) => [el.textContent, el.getAttribute('title')]));
    expect(titles.filter(([, title]) => !title), `${doc} keys without a meaning`).toEqual([]);
  }
});
