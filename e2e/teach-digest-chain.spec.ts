// The digest chain, live: after a file edit exactly the layer's diff_id and digest, the config,
// the manifest and index.json are listed under "What changed", each as its old and new full
// value (the ones the page showed before and shows now); after an Env edit exactly the config,
// the manifest and index.json. The chain says why, link by link, and the composer's structure
// diagram marks the changed boxes. Screenshots go to SHOTS_DIR.

import { expect, test, type Page } from '@playwright/test';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { waitForBuild } from './support/composer.ts';
import { regionShots } from './support/region-shots.ts';

const shotsDir = process.env.SHOTS_DIR ?? join(tmpdir(), 'layerpad-teach-shots');

const digests = async (page: Page) => ({
  diffId: (await page.getByLabel('Layer L1 diff_id').textContent())!,
  layer: (await page.getByLabel('Layer L1 digest').textContent())!,
  config: (await page.getByLabel('Config descriptor digest').textContent())!,
  manifest: (await page.getByLabel('Manifest digest').textContent())!,
  index: (await page.getByLabel('index.json descriptor digest').textContent())!,
});

async function expectChanged(page: Page, expected: [label: string, before: string, after: string][]) {
  const region = page.getByRole('region', { name: 'What changed' });
  const items = region.getByRole('listitem');
  await expect(items.locator('.what-changed-label')).toHaveText(expected.map(([label]) => label), { timeout: 60_000 });
  for (const [i, [label, before, after]] of expected.entries()) {
    await expect(items.nth(i).getByLabel(`${label} before`)).toHaveText(before);
    await expect(items.nth(i).getByLabel(`${label} now`)).toHaveText(after);
  }
}

test('a file edit and an Env edit mark exactly the digests they change, old beside new, and the chain says why', async ({ page }) => {
  test.setTimeout(180_000);
  await page.goto('/');
  await page.getByRole('button', { name: 'New text file' }).click();
  await page.keyboard.press('ControlOrMeta+a');
  await page.keyboard.type('motd');
  await page.keyboard.press('Enter');
  await page.getByRole('row', { name: 'motd' }).click();
  await page.getByLabel('Contents').fill('one\n');
  await page.getByLabel('Environment').fill('A=1');
  await expect(page.getByLabel('Config JSON')).toContainText('A=1', { timeout: 60_000 });
  await waitForBuild(page);
  const first = await digests(page);

  await page.getByLabel('Contents').fill('two\n');
  await expect(page.getByRole('region', { name: 'What changed' }).getByRole('listitem').first()).toBeVisible({ timeout: 60_000 });
  await waitForBuild(page);
  // Marks on the diagram last a few seconds; look at them first.
  await expect(page.getByRole('region', { name: 'How this image is built' }).locator('.diagram-box.is-changed')).toHaveCount(4);
  const second = await digests(page);
  await expectChanged(page, [
    ['L1 diff_id', first.diffId, second.diffId],
    ['L1 digest', first.layer, second.layer],
    ['config', first.config, second.config],
    ['manifest', first.manifest, second.manifest],
    ['index.json', first.index, second.index],
  ]);
  const chain = page.getByRole('region', { name: 'Digest chain' });
  await expect(chain).toContainText('You changed /motd in L1.');
  await expect(chain.locator('.chain-step.is-changed')).toHaveCount(8);
  await regionShots(page, page.getByRole('region', { name: 'What changed' }), shotsDir, 'what-changed-file');
  await regionShots(page, chain, shotsDir, 'digest-chain-file');

  await page.getByLabel('Environment').fill('A=2');
  await expect(page.getByLabel('Config JSON')).toContainText('A=2', { timeout: 60_000 });
  await waitForBuild(page);
  const diagram = page.getByRole('region', { name: 'How this image is built' });
  await expect(diagram.locator('.diagram-box.is-changed')).toHaveCount(3);
  const third = await digests(page);
  await expectChanged(page, [
    ['config', second.config, third.config],
    ['manifest', second.manifest, third.manifest],
    ['index.json', second.index, third.index],
  ]);
  expect([third.diffId, third.layer]).toEqual([second.diffId, second.layer]);
  await expect(chain).toContainText('No tar changed: a config edit (config.Env) leaves every layer untouched.');
  await expect(chain.locator('.chain-step.is-changed')).toHaveCount(3);
  await regionShots(page, chain, shotsDir, 'digest-chain-env');
  await regionShots(page, diagram, shotsDir, 'composed-diagram-env');
});
