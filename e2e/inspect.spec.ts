// The inspector end to end, judged by independent tools: umoci and skopeo make the archives inside
// the test (oci-archive:, docker-archive:, a zstd oci: layout picked as a folder, a copy with one
// flipped byte); the page must show the layers and digests skopeo reports, "verified" for each
// blob (and "mismatch" for the flipped one), and the file lists GNU tar prints. Hostile input gets
// a clear error and the page keeps working. Screenshots of every state go to SHOTS_DIR.

import { expect, test, type Page } from '@playwright/test';
import { mkdirSync, readFileSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { makeTempDir, requireTool } from '../src/test-support/oracle.ts';
import { INSPECT_TOOLS, inspected, makeInspectFixtures, rawManifest, tarNames, type InspectFixtures } from './support/inspect-fixtures.ts';
import { useTempDir } from './support/temp-dir.ts';
import { blob, expectVerified, layerFileNames, open, statusOf } from './support/inspect-page.ts';

const shotsDir = process.env.SHOTS_DIR ?? join(tmpdir(), 'layerpad-inspect-shots');
const tmp = useTempDir('inspect-e2e');
let fx: InspectFixtures;

test.describe.configure({ mode: 'serial' });

test.beforeAll(() => {
  test.skip(!INSPECT_TOOLS.every(requireTool), 'oracle tools missing');
  mkdirSync(shotsDir, { recursive: true });
  fx = makeInspectFixtures(tmp());
});

const shot = (page: Page, name: string) => page.screenshot({ path: join(shotsDir, `${name}.png`), fullPage: true });

test('oci-archive: structure, digests and file lists match skopeo and GNU tar; merged fs and previews', async ({ page }) => {
  const ref = `oci-archive:${fx.ociArchive}`;
  const raw = rawManifest(ref);
  const { Digest: manifestDigest } = inspected(ref);
  await page.goto('/#inspect');
  await shot(page, '01-empty');
  await open(page, fx.ociArchive);
  await expect(page.getByLabel('Format')).toHaveText('OCI image layout in a tar');
  await expect(page.locator('.diagram-heading', { hasText: /^Layers/ })).toContainText(`Layers (${raw.layers.length})`);
  await expectVerified(page, [manifestDigest, raw.config.digest, ...raw.layers.map((l) => l.digest)]);
  await expect(page.getByRole('status', { name: 'Verification result' })).toContainText(`${raw.layers.length + 2} verified`);
  await shot(page, '02-loaded-verified');

  await page.getByRole('tab', { name: 'Layers' }).click();
  await expect(page.locator('.history-list .layer-card')).toHaveCount(raw.layers.length);
  await expect(page.locator('.history-empty')).toContainText('CMD ["/bin/sh"]'); // paired past empty_layer
  for (const [i, layer] of raw.layers.entries()) {
    const expected = tarNames(join(fx.layout, 'blobs', 'sha256', layer.digest.slice(7)));
    const shown = await layerFileNames(page, i + 1);
    expect(shown.sort()).toEqual(expected.sort());
  }
  const whiteout = page.getByRole('row', { name: /etc\/\.wh\.old\.conf/ });
  await expect(whiteout).toContainText('deleted');
  await shot(page, '03-layer-files-whiteout');
  await page.getByRole('button', { name: /^L1\b/ }).click();
  await expect(page.getByRole('row', { name: /etc\/old\.conf/ })).toContainText('hidden by L2');
  await page.getByRole('row', { name: /etc\/motd/ }).click();
  await expect(page.getByLabel('Text preview')).toHaveText('Hello from an umoci image\n');
  await shot(page, '04-layer-text-preview');

  await page.getByRole('tab', { name: 'Merged filesystem' }).click();
  const tree = page.getByRole('treegrid', { name: 'Merged filesystem' });
  await expect(tree.getByRole('row', { name: /busybox/ })).toBeVisible({ timeout: 30_000 });
  const old = tree.getByRole('row', { name: /old\.conf/ });
  await expect(old).toHaveClass(/is-hidden/);
  await expect(old).toContainText('L1');
  await tree.getByRole('row', { name: /busybox/ }).click();
  await expect(page.getByLabel('Hex view')).toContainText('|.ELF');
  await shot(page, '05-merged-hex-preview');
  await tree.getByRole('row', { name: /^sh/ }).click();
  await expect(page.getByLabel('File preview')).toContainText('Resolves inside the image to /bin/busybox');
  const [download] = await Promise.all([page.waitForEvent('download'), page.getByRole('button', { name: 'Download file' }).click()]);
  expect(download.suggestedFilename()).toBe('sh');
  const saved = join(tmp(), 'downloaded-sh');
  await download.saveAs(saved);
  expect(readFileSync(saved).equals(readFileSync('/bin/busybox'))).toBe(true); // the link's target, byte for byte
  await shot(page, '06-merged-symlink');
});

test('docker-archive: legacy docker save shows skopeo\'s layers, all verified', async ({ page }) => {
  const { Layers } = inspected(`docker-archive:${fx.dockerArchive}`);
  await page.goto('/#inspect');
  await open(page, fx.dockerArchive);
  await expect(page.getByLabel('Format')).toContainText('docker save (legacy');
  await expect(page.locator('.diagram-heading', { hasText: /^Layers/ })).toContainText(`Layers (${Layers.length})`);
  await expectVerified(page, Layers);
  await page.getByRole('tab', { name: 'Layers' }).click();
  for (const [i, diffId] of Layers.entries()) await expect(page.getByLabel(`Layer L${i + 1} diff_id`)).toHaveText(diffId);
  await shot(page, '07-docker-archive-layers');
});

test('zstd OCI layout picked as a folder: zstd media types, skopeo\'s digests, verified', async ({ page }) => {
  const raw = rawManifest(`oci:${fx.zstdLayout}:t`);
  expect(raw.layers.every((l) => l.mediaType.endsWith('+zstd'))).toBe(true);
  await page.goto('/#inspect');
  await page.getByLabel('Open OCI layout folder').setInputFiles(fx.zstdLayout);
  await expect(page.getByLabel('Format')).toHaveText('OCI image layout as a folder', { timeout: 30_000 });
  await expectVerified(page, [raw.config.digest, ...raw.layers.map((l) => l.digest)]);
  for (const layer of raw.layers) await expect(blob(page, layer.digest)).toContainText('OCI layer (tar+zstd)');
  await page.getByRole('tab', { name: 'Layers' }).click();
  const expected = tarNames(join(fx.zstdLayout, 'blobs', 'sha256', raw.layers[0].digest.slice(7)), 'zstd');
  expect((await layerFileNames(page, 1)).sort()).toEqual(expected.sort());
  await shot(page, '08-zstd-folder');
});

test('a flipped byte: that layer is a mismatch with expected vs actual; the rest verifies', async ({ page }) => {
  const raw = rawManifest(`oci:${fx.layout}:t`);
  await page.goto('/#inspect');
  await open(page, fx.flipped);
  await expect(statusOf(page, fx.flippedLayer)).toHaveText('mismatch', { timeout: 60_000 });
  await expect(blob(page, fx.flippedLayer)).toContainText(fx.flippedLayer);
  await expect(blob(page, fx.flippedLayer).getByLabel('Expected digest')).toHaveText(fx.flippedLayer);
  await expect(blob(page, fx.flippedLayer).getByLabel('Actual digest')).toHaveText(/^sha256:[0-9a-f]{64}$/);
  await expectVerified(page, [raw.config.digest, ...raw.layers.map((l) => l.digest).filter((d) => d !== fx.flippedLayer)]);
  await expect(page.getByRole('status', { name: 'Verification result' })).toContainText('1 mismatch');
  await blob(page, fx.flippedLayer).scrollIntoViewIfNeeded();
  await shot(page, '09-mismatch');
});

test('hostile input: a non-archive and a truncated tar get clear errors; the page keeps working', async ({ page }) => {
  await page.goto('/#inspect');
  await open(page, fx.ociArchive);
  await page.getByLabel('Open image archive').setInputFiles(fx.notAnArchive);
  await expect(page.getByRole('alert')).toContainText('notes.txt');
  // The image that was open stays, verified: a bad file costs nothing but the message.
  await expect(page.getByRole('region', { name: 'Opened archive' }).getByRole('heading')).toHaveText('oci.tar');
  await expect(page.getByRole('status', { name: 'Verification result' })).toContainText('verified', { timeout: 60_000 });
  await shot(page, '10-error-not-archive');
  await page.getByLabel('Open image archive').setInputFiles(fx.truncated);
  await expect(page.getByRole('alert').or(page.getByRole('region', { name: 'Problems in the archive' }))).toContainText(/truncat|ends|offset/i, { timeout: 30_000 });
  await shot(page, '11-error-truncated');
  await open(page, fx.ociArchive);
  await expect(page.getByRole('status', { name: 'Verification result' })).toContainText('verified', { timeout: 60_000 });
});

test('a big archive shows its structure at once; verification shows progress and can be cancelled', async ({ page }) => {
  test.setTimeout(300_000);
  const big = makeTempDir('inspect-e2e-big');
  try {
    const bigFx = makeInspectFixtures(big.path, { path: 'random.bin', bytes: 256 << 20 });
    await page.goto('/#inspect');
    const started = Date.now();
    await open(page, bigFx.ociArchive);
    const shownMs = Date.now() - started;
    const structureMs = Number((await page.getByRole('region', { name: 'Opened archive' }).textContent())!.match(/structure read in (\d+) ms/)![1]);
    const heap = await page.evaluate(() => (performance as unknown as { memory?: { usedJSHeapSize: number } }).memory?.usedJSHeapSize ?? -1);
    console.log(`big oci-archive (${statSync(bigFx.ociArchive).size} bytes): structure shown ${shownMs} ms after picking (worker ${structureMs} ms); JS heap ${heap} bytes`);
    expect(structureMs).toBeLessThan(5_000);
    const progress = page.getByRole('progressbar', { name: 'Verifying every blob progress' });
    await expect(progress).toBeVisible();
    await expect(page.getByRole('status').filter({ hasText: /Verifying every blob… .* of .*\/s/ })).toBeVisible({ timeout: 20_000 });
    await shot(page, '12-verifying');
    await page.getByRole('button', { name: 'Cancel' }).click();
    await expect(page.getByRole('status').filter({ hasText: 'Verification cancelled' })).toBeVisible();
    await page.getByRole('button', { name: 'Verify again' }).click();
    await expect(page.getByRole('status', { name: 'Verification result' })).toContainText('4 verified', { timeout: 120_000 });
  } finally {
    big.remove();
  }
});
