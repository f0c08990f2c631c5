// axe-core on every view and state a newcomer meets, in light and dark: the composer empty, with
// an example, with an entry selected, with a field in error, the New image dialog, two platforms;
// an edit of a real image with a deleted base file selected; the inspector empty, opened (each
// tab, a preview) and refusing a non-archive. Any violation fails, named with the nodes it hit.

import { expect, test, type Page } from '@playwright/test';
import AxeBuilder from '@axe-core/playwright';
import { requireTool } from '../src/test-support/oracle.ts';
import { INSPECT_TOOLS, makeInspectFixtures, type InspectFixtures } from './support/inspect-fixtures.ts';
import { useTempDir } from './support/temp-dir.ts';
import { open } from './support/inspect-page.ts';

const tmp = useTempDir('a11y');
let fx: InspectFixtures;
const row = (page: Page, name: string) => page.getByRole('row', { name, exact: true });

test.describe.configure({ mode: 'serial' });
test.beforeAll(() => {
  test.skip(!INSPECT_TOOLS.every(requireTool), 'oracle tools missing');
  fx = makeInspectFixtures(tmp());
});

async function noViolations(page: Page, state: string) {
  const { violations } = await new AxeBuilder({ page }).analyze();
  const found = violations.map((v) => `${v.id} (${v.nodes.length}): ${v.nodes.slice(0, 3).map((n) => n.target.join(' ')).join(' | ')}`);
  expect(found, `axe violations in "${state}"`).toEqual([]);
}

for (const scheme of ['light', 'dark'] as const) {
  test.describe(`${scheme}`, () => {
    test.use({ colorScheme: scheme });

    test('composer states', async ({ page }) => {
      test.setTimeout(120_000);
      await page.goto('/');
      await expect(page.getByRole('status', { name: 'Save state' })).toBeAttached();
      await noViolations(page, 'composer, first visit');
      await page.getByRole('button', { name: 'New image' }).click();
      await noViolations(page, 'New image dialog');
      await page.getByRole('button', { name: /Text-only example/ }).click();
      await expect(row(page, 'motd')).toBeVisible();
      await noViolations(page, 'composer, example');
      await row(page, 'motd').click();
      await expect(page.getByRole('region', { name: 'Selected entry' })).toBeVisible();
      await noViolations(page, 'composer, entry selected');
      await page.getByLabel('Exposed ports').fill('99999');
      await expect(page.getByText(/outside/)).toBeVisible();
      await noViolations(page, 'composer, a field in error');
      await page.getByLabel('Exposed ports').fill('');
      await page.getByLabel('Platform to add').selectOption('linux/arm64');
      await page.getByRole('button', { name: 'Add platform' }).click();
      await page.getByText('per platform').first().click();
      await noViolations(page, 'composer, two platforms');
    });

    test('editing a real image', async ({ page }) => {
      await page.goto('/#inspect');
      await open(page, fx.ociArchive);
      await page.getByRole('button', { name: 'Edit this image' }).click();
      await expect(page.getByRole('region', { name: 'Base image' })).toBeVisible();
      await row(page, 'motd').click();
      await page.getByRole('button', { name: 'Delete', exact: true }).click();
      await row(page, 'motd').click();
      await expect(page.getByRole('button', { name: 'Restore /etc/motd' })).toBeVisible();
      await noViolations(page, 'composer, a deleted base file selected');
    });

    test('inspector states', async ({ page }) => {
      test.setTimeout(120_000);
      await page.goto('/#inspect');
      await noViolations(page, 'inspector, empty');
      await open(page, fx.ociArchive);
      await expect(page.getByRole('status', { name: 'Verification result' })).toContainText('verified', { timeout: 60_000 });
      await noViolations(page, 'inspector, structure');
      await page.getByRole('tab', { name: 'Layers' }).click();
      await expect(page.getByRole('table', { name: 'Files in layer L1' })).toBeVisible({ timeout: 30_000 });
      await noViolations(page, 'inspector, layers');
      await page.getByRole('tab', { name: 'Merged filesystem' }).click();
      await row(page, 'motd').click();
      await expect(page.getByText('Hello from an umoci image')).toBeVisible();
      await noViolations(page, 'inspector, merged filesystem with a preview');
      await page.getByLabel('Open image archive').setInputFiles(fx.notAnArchive);
      await expect(page.getByRole('alert')).toBeVisible();
      await noViolations(page, 'inspector, a non-archive refused');
    });
  });
}
