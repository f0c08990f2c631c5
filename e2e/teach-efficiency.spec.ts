// dive's own test image (../shared/peer-corpora/dive/test-docker-image.tar, from dive's repository)
// opened in the inspector: the Efficiency region shows dive's score (98.44 %, dive's
// 0.9844212134184309 with two decimals), its wasted bytes exactly (32 025) and its three
// inefficient files. Screenshots of the region go to SHOTS_DIR.

import { expect, test } from '@playwright/test';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { peerCorpusFile } from '../src/test-support/peer-corpus.ts';
import { open } from './support/inspect-page.ts';
import { regionShots } from './support/region-shots.ts';

const shotsDir = process.env.SHOTS_DIR ?? join(tmpdir(), 'layerpad-teach-shots');
const diveImage = peerCorpusFile('dive/test-docker-image.tar');

test("dive's test image gives dive's efficiency and wasted bytes", async ({ page }) => {
  test.skip(!diveImage, '../shared/peer-corpora/dive/test-docker-image.tar is absent');
  await page.goto('/#inspect');
  await open(page, diveImage!);
  await page.getByRole('tab', { name: 'Merged filesystem' }).click();
  const region = page.getByRole('region', { name: 'Efficiency' });
  await expect(region).toBeVisible({ timeout: 60_000 });
  await expect(region.locator('.efficiency-score')).toHaveText('98.44 %');
  await expect(region.locator('.efficiency-wasted')).toContainText('32,025 bytes');
  await expect(region).toContainText('48.35 % of the 66,237 bytes above the first layer');
  const rows = region.locator('.efficiency-files tbody tr');
  await expect(rows).toHaveText([/^2.*\/root\/saved\.txt$/, /^2.*\/root\/example\/somefile1\.txt$/, /^2.*\/root\/example\/somefile3\.txt$/]);
  await regionShots(page, region, shotsDir, 'efficiency');
});
