// What the inspector says about archives that are not quite what they seem: a legacy docker save
// has no manifest blob (the derived one is shown, marked so); a cut docker save leads with where it
// ends and is guessed as what it was; a non-archive opened over an image says the image shown is
// still the previous file's; a corrupt layer makes the merged view say it is incomplete.

import { expect, test } from '@playwright/test';
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { requireTool } from '../src/test-support/oracle.ts';
import { INSPECT_TOOLS, makeInspectFixtures, type InspectFixtures } from './support/inspect-fixtures.ts';
import { useTempDir } from './support/temp-dir.ts';
import { open } from './support/inspect-page.ts';

const tmp = useTempDir('inspect-labels');
let fx: InspectFixtures;
test.describe.configure({ mode: 'serial' });
test.beforeAll(() => {
  test.skip(!INSPECT_TOOLS.every(requireTool), 'oracle tools missing');
  fx = makeInspectFixtures(tmp());
});

test('a legacy docker save: no manifest blob, the derived manifest shown and marked derived', async ({ page }) => {
  await page.goto('/#inspect');
  await open(page, fx.dockerArchive);
  const structure = page.getByRole('list', { name: 'Image structure' });
  await expect(structure).toContainText('manifest (derived)');
  await expect(structure).toContainText('stores no manifest: manifest.json lists the config and the layers');
  await expect(structure.locator('.diagram-column').nth(1)).not.toContainText('Docker image config');
  await expect(page.getByRole('region', { name: 'Manifest (derived)' })).toContainText('application/vnd.oci.image.manifest.v1+json');
});

test('a cut docker save leads with where it ends and is guessed as a docker save', async ({ page }) => {
  const cut = join(tmp(), 'cut-docker.tar');
  const bytes = readFileSync(fx.dockerArchive);
  // Cut inside manifest.json's header: the layers and config were read, the list of them was not.
  const at = bytes.indexOf(Buffer.from('manifest.json\0'));
  expect(at).toBeGreaterThan(0);
  writeFileSync(cut, bytes.subarray(0, at + 100));
  await page.goto('/#inspect');
  await open(page, cut);
  await expect(page.getByLabel('Format')).toHaveText(/^probably docker save \(legacy/);
  const problems = page.getByRole('region', { name: 'Problems in the archive' }).getByRole('listitem');
  await expect(problems.first()).toContainText(/unexpected end of archive at offset \d+/);
  await expect(problems.nth(1)).toContainText('docker save writes manifest.json last');
});

test('a non-archive over an open image: the error says the image shown is still the previous file', async ({ page }) => {
  await page.goto('/#inspect');
  await open(page, fx.ociArchive);
  await page.getByLabel('Open image archive').setInputFiles(fx.notAnArchive);
  await expect(page.getByRole('alert')).toContainText(`Still showing the previous file, ${fx.ociArchive.split('/').pop()}.`);
});

test('a corrupt layer: the merged view says which layer is incomplete and why', async ({ page }) => {
  await page.goto('/#inspect');
  await open(page, fx.flipped);
  await page.getByRole('tab', { name: 'Merged filesystem' }).click();
  await expect(page.locator('.incomplete-layer')).toContainText(/Layer L1 could not be read to its end \(.+\): this view shows only its \d+ entries/);
});
