// The inspector's other ways in, judged by independent tools: an umoci OCI layout as a zip (Info-ZIP
// `zip -0`, every entry stored; Python zipfile, every entry deflated); a multi-platform layout (two
// umoci images under one index.json with platforms) and its platform picker; an archive and a
// layout folder dropped onto the page as the OS drops them (CDP drag events); a PNG inside a layer
// previewed as an image; and the Docker 25+ `docker save` form (OCI layout + manifest.json).

import { expect, test, type Page } from '@playwright/test';
import { mkdirSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { requireTool, runTool } from '../src/test-support/oracle.ts';
import { INSPECT_TOOLS, inspected, makeInspectFixtures, rawManifest, tarNames, type InspectFixtures } from './support/inspect-fixtures.ts';
import { INPUT_TOOLS, PNG_PATH, PNG_SIZE, makeDocker25Save, makeMultiPlatform, zipLayout, zipMethods, type PlatformImage } from './support/inspect-input-fixtures.ts';
import { useTempDir } from './support/temp-dir.ts';
import { blob, expectOpened, expectVerified, layerFileNames, open } from './support/inspect-page.ts';

const shotsDir = process.env.SHOTS_DIR ?? join(tmpdir(), 'layerpad-inspect-shots');
const tmp = useTempDir('inspect-inputs-e2e');
let fx: InspectFixtures;
let multi: ReturnType<typeof makeMultiPlatform>;

test.describe.configure({ mode: 'serial' });

test.beforeAll(() => {
  test.skip(![...INSPECT_TOOLS, ...INPUT_TOOLS].every(requireTool), 'oracle tools missing');
  mkdirSync(shotsDir, { recursive: true });
  fx = makeInspectFixtures(tmp());
  multi = makeMultiPlatform(tmp());
});

const shot = (page: Page, name: string) => page.screenshot({ path: join(shotsDir, `${name}.png`), fullPage: true });
const configJson = (page: Page) => page.getByLabel('Config JSON');

/** Every blob of one image verified, the summary counting them all, and layer files as GNU tar lists them. */
async function expectImage(page: Page, layout: string, image: { manifest: string; config: string; layers: string[] }) {
  await expect(page.locator('.diagram-heading', { hasText: /^Layers/ })).toContainText(`Layers (${image.layers.length})`);
  await expectVerified(page, [image.manifest, image.config, ...image.layers]);
  await page.getByRole('tab', { name: 'Layers' }).click();
  for (const [i, layer] of image.layers.entries()) {
    const expected = tarNames(join(layout, 'blobs', 'sha256', layer.slice('sha256:'.length)));
    expect((await layerFileNames(page, i + 1)).sort()).toEqual(expected.sort());
  }
  await page.getByRole('tab', { name: 'Structure and blobs' }).click();
}

const umociImage = () => {
  const raw = rawManifest(`oci:${fx.layout}:t`);
  return { manifest: inspected(`oci:${fx.layout}:t`).Digest, config: raw.config.digest, layers: raw.layers.map((l) => l.digest) };
};

/** Drops paths onto the point as the OS does (CDP drag events), so DataTransfer items and entries exist. */
async function osDrop(page: Page, paths: string[], at: { x: number; y: number }) {
  const cdp = await page.context().newCDPSession(page);
  const data = { items: [], files: paths, dragOperationsMask: 1 };
  for (const type of ['dragEnter', 'dragOver', 'dragOver', 'drop'] as const) await cdp.send('Input.dispatchDragEvent', { type, ...at, data });
  await cdp.detach();
}

for (const method of ['stored', 'deflated'] as const) {
  test(`OCI layout as a zip (${method}): recognised, every blob verified, layer files as GNU tar lists them`, async ({ page }) => {
    const zip = zipLayout(fx.layout, join(tmp(), `layout-${method}.zip`), method);
    const methods = zipMethods(zip);
    expect(methods.length).toBeGreaterThan(3);
    expect(methods.every((m) => (method === 'stored' ? m === 'Stored' : m.startsWith('Defl')))).toBe(true);
    const image = umociImage();
    await page.goto('/#inspect');
    await open(page, zip);
    await expect(page.getByLabel('Format')).toHaveText('OCI image layout in a zip');
    await expectImage(page, fx.layout, image);
    await expect(page.getByRole('status', { name: 'Verification result' })).toContainText(`${image.layers.length + 2} verified`);
    await shot(page, `20-zip-${method}`);
  });
}

test('multi-platform index: both platforms listed; picking linux/arm64 shows its config and its layers verify', async ({ page }) => {
  const [amd64, arm64] = multi.images;
  expect(amd64.platform).toEqual({ os: 'linux', architecture: 'amd64' });
  expect(arm64.platform).toEqual({ os: 'linux', architecture: 'arm64' });
  const digestOf = (i: PlatformImage) => ({ manifest: i.manifest.digest, config: i.config, layers: i.layers });
  await page.goto('/#inspect');
  await open(page, multi.archive);
  await expect(page.getByLabel('Format')).toHaveText('OCI image layout in a tar');
  const picker = page.getByRole('group', { name: /Platform/ });
  await expect(picker.getByRole('radio')).toHaveCount(2);
  await expect(picker.getByRole('radio', { name: 'linux/amd64' })).toBeChecked();
  await expect(picker.getByRole('radio', { name: 'linux/arm64' })).not.toBeChecked();
  await expect(configJson(page)).toContainText('"architecture": "amd64"');
  await expectVerified(page, [amd64.manifest.digest, amd64.config, ...amd64.layers]);
  await shot(page, '21-multi-platform-amd64');

  await picker.getByRole('radio', { name: 'linux/arm64' }).check();
  await expect(picker.getByRole('radio', { name: 'linux/arm64' })).toBeChecked();
  await expect(configJson(page)).toContainText('"architecture": "arm64"');
  await expect(page.getByLabel('Config digest', { exact: true })).toHaveAttribute('title', arm64.config);
  await expectImage(page, multi.layout, digestOf(arm64));
  await page.getByRole('tab', { name: 'Layers' }).click();
  await page.getByRole('button', { name: /^L1\b/ }).click();
  await page.getByRole('row', { name: /etc\/platform/ }).click();
  await expect(page.getByLabel('Text preview')).toHaveText('linux/arm64\n');
  await shot(page, '22-multi-platform-arm64');
});

test('drop: an archive and an OCI layout folder dropped onto the Inspect view open', async ({ page }) => {
  const image = umociImage();
  await page.goto('/#inspect');
  const hint = (await page.locator('.drop-hint').boundingBox())!;
  await osDrop(page, [fx.ociArchive], { x: hint.x + hint.width / 2, y: hint.y + hint.height / 2 });
  await expectOpened(page);
  await expect(page.getByRole('region', { name: 'Opened archive' }).getByRole('heading')).toHaveText('oci.tar');
  await expect(page.getByLabel('Format')).toHaveText('OCI image layout in a tar');
  await expectVerified(page, [image.manifest, image.config, ...image.layers]);
  await shot(page, '23-dropped-archive');

  // Dropped again onto the opened view (not the hint): a folder, walked through its entries.
  const summary = (await page.getByRole('region', { name: 'Opened archive' }).boundingBox())!;
  await osDrop(page, [fx.layout], { x: summary.x + summary.width / 2, y: summary.y + summary.height / 2 });
  await expect(page.getByLabel('Format')).toHaveText('OCI image layout as a folder', { timeout: 30_000 });
  await expect(page.getByRole('region', { name: 'Opened archive' }).getByRole('heading')).toHaveText('layout');
  await expectVerified(page, [image.manifest, image.config, ...image.layers]);
});

test('a PNG in a layer previews as an image of its real size', async ({ page }) => {
  await page.goto('/#inspect');
  await open(page, multi.archive);
  await page.getByRole('tab', { name: 'Layers' }).click();
  await page.getByRole('button', { name: /^L1\b/ }).click();
  await page.getByRole('row', { name: new RegExp(PNG_PATH.replaceAll('.', '\\.')) }).click();
  const img = page.getByRole('img', { name: `Preview of /${PNG_PATH}` });
  await expect(img).toBeVisible();
  await expect.poll(() => img.evaluate((el: HTMLImageElement) => el.complete && [el.naturalWidth, el.naturalHeight])).toEqual([PNG_SIZE.width, PNG_SIZE.height]);
  await shot(page, '24-png-preview');
});

test('Docker 25+ docker save (OCI layout + manifest.json) is recognised as such; skopeo reads it as docker-archive too', async ({ page }) => {
  const saved = makeDocker25Save(fx.layout, 't', tmp(), 'example:1');
  // Which tool makes which form: skopeo's docker-archive: is legacy (no index.json), its oci-archive: has no manifest.json.
  const namesIn = (tar: string) => runTool('tar', ['-tf', tar]).split('\n');
  expect(namesIn(fx.dockerArchive)).not.toContain('index.json');
  expect(namesIn(fx.ociArchive)).not.toContain('manifest.json');
  expect(namesIn(saved.archive)).toEqual(expect.arrayContaining(['index.json', 'manifest.json', 'oci-layout']));
  expect(inspected(`docker-archive:${saved.archive}`).Layers).toHaveLength(saved.layers.length);
  await page.goto('/#inspect');
  await open(page, saved.archive);
  await expect(page.getByLabel('Format')).toHaveText('docker save (Docker 25+: OCI layout with manifest.json) in a tar');
  await expect(page.getByRole('region', { name: 'Documents' }).getByRole('heading', { name: /^manifest\.json/ })).toBeVisible();
  await expect(page.getByRole('region', { name: 'Opened archive' })).toContainText('example:1');
  await expectImage(page, fx.layout, saved);
  await expect(blob(page, saved.config)).toContainText(saved.config);
  await shot(page, '25-docker25-save');
});
