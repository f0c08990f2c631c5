// Pulling from a real registry in the browser: Debian's docker-registry on 127.0.0.1 with the
// README's CORS headers, the app on another port. Images skopeo put there (busybox, zstd layers, a
// multi-platform index) open with the digests skopeo reports and verify; a referrer pushed beside
// one is listed with its artifactType; the pulled image saves as a tar skopeo reads; a layer
// download cut halfway resumes with Range; a `#inspect?ref=` link fills in the reference and
// fetches nothing until Pull is pressed. The page talks to no origin but its own and the registry
// named.

import { expect, test, type Page } from '@playwright/test';
import { mkdirSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { buildImage } from '../src/core/build/image.ts';
import { writeBusyboxImageTar } from '../src/test-support/busybox-image.ts';
import { smallSpec } from '../src/test-support/image.ts';
import { writeMultiPlatformLayout } from '../src/test-support/multi-platform.ts';
import { requireTool } from '../src/test-support/oracle.ts';
import { download, recordRequests } from './support/composer.ts';
import { expectOpened, expectVerified, layerFileNames } from './support/inspect-page.ts';
import { copyTo, inspectRemote, pushReferrer, REGISTRY_TOOLS, skopeo, useRegistries } from './support/registries.ts';
import { useTempDir } from './support/temp-dir.ts';
import { startDownloadDroppingProxy } from '../src/test-support/dropping-proxy.ts';

const port = Number(process.env.E2E_PORT ?? 4173);
const origin = `http://127.0.0.1:${port}`;
const shotsDir = process.env.SHOTS_DIR ?? join(tmpdir(), 'layerpad-registry-shots');
const SBOM = 'application/spdx+json';
/** Digest of the SBOM-like artifact that refers to busybox:1. */
let sbom: string;

test.describe.configure({ mode: 'serial' });
test.skip(!REGISTRY_TOOLS.every(requireTool), 'registry tools missing');
const tmp = useTempDir('registry-pull');
const registries = useRegistries(origin);

test.beforeAll(async () => {
  mkdirSync(shotsDir, { recursive: true });
  const host = registries().open.host;
  const busybox = join(tmp(), 'busybox.tar');
  await writeBusyboxImageTar(busybox, '0:0');
  copyTo(`oci-archive:${busybox}`, `${host}/team/busybox:1`);
  skopeo('copy', '--dest-compress-format', 'zstd', `oci-archive:${busybox}`, `oci:${join(tmp(), 'zstd')}:1`);
  copyTo(`oci:${join(tmp(), 'zstd')}:1`, `${host}/team/busybox:zstd`);
  const amd = await buildImage(smallSpec());
  const arm = await buildImage(smallSpec({ platform: { os: 'linux', architecture: 'arm64' } }));
  await writeMultiPlatformLayout(join(tmp(), 'multi'), [...amd.images, ...arm.images], '1');
  copyTo(`oci:${join(tmp(), 'multi')}:1`, `${host}/team/multi:1`, '--all');
  const manifest = inspectRemote(`${host}/team/busybox:1`);
  const subject = await fetch(`${registries().open.url}/v2/team/busybox/manifests/1`, { headers: { Accept: 'application/vnd.oci.image.manifest.v1+json' } });
  const size = (await subject.arrayBuffer()).byteLength;
  sbom = await pushReferrer(registries().open.url, 'team/busybox', { digest: manifest.Digest, size, mediaType: 'application/vnd.oci.image.manifest.v1+json' }, SBOM);
});

async function pull(page: Page, reference: string) {
  await page.getByLabel('Image reference').fill(reference);
  await page.getByRole('button', { name: 'Pull', exact: true }).click();
  await expectOpened(page);
}

test('pull busybox: the digests skopeo reports, every blob verified, the referrer listed, saved as a tar skopeo reads', async ({ page }) => {
  const { open } = registries();
  const ref = `${open.host}/team/busybox:1`;
  const raw = inspectRemote(ref, '--raw');
  const { Digest: manifestDigest } = inspectRemote(ref);
  const requests = recordRequests(page, origin);
  await page.goto('/#inspect');
  await page.getByLabel('Image reference').fill(ref);
  await page.screenshot({ path: join(shotsDir, 'pull-field.png') });
  expect(requests.foreign()).toEqual([]);
  await page.getByRole('button', { name: 'Pull', exact: true }).click();
  await expectOpened(page);
  await expect(page.getByLabel('Format')).toHaveText('OCI distribution registry (pulled)');
  await expect(page.getByLabel('Pulled digest')).toHaveText(manifestDigest);
  await expectVerified(page, [manifestDigest, raw.config.digest, ...raw.layers.map((l: { digest: string }) => l.digest)]);
  await expect(page.getByRole('status', { name: 'Verification result' })).toContainText(`${raw.layers.length + 2} verified`);
  const referrers = page.getByRole('list', { name: 'Referrers of this manifest' });
  await expect(referrers).toContainText(SBOM);
  await page.screenshot({ path: join(shotsDir, 'pulled.png'), fullPage: true });

  // The layers' files, as for an archive (read from the pulled blobs, not pulled again).
  const blobRequests = open.requests().filter((r) => r.path.includes('/blobs/')).length;
  await page.getByRole('tab', { name: 'Layers' }).click();
  expect(await layerFileNames(page, 1)).toEqual(expect.arrayContaining(['bin/busybox', 'bin/sh']));
  expect(open.requests().filter((r) => r.path.includes('/blobs/')).length).toBe(blobRequests);
  await page.getByRole('tab', { name: 'Structure and blobs' }).click();

  const saved = await download(page, 'Download image tar', tmp());
  expect(JSON.parse(skopeo('inspect', `oci-archive:${saved.path}`)).Digest).toBe(manifestDigest);
  const foreign = requests.foreign();
  expect(foreign.length).toBeGreaterThan(0);
  expect(foreign.filter((url) => new URL(url).origin !== open.url)).toEqual([]);
  expect(open.requests().some((r) => r.path.startsWith('/v2/team/busybox/blobs/'))).toBe(true);

  // A referrer opens like any manifest: pulled by digest, its blobs verified.
  await referrers.getByRole('button', { name: 'Open' }).click();
  await expect(page.getByLabel('Image reference')).toHaveValue(`${open.host}/team/busybox@${sbom}`);
  await expect(page.getByLabel('Pulled digest')).toHaveText(sbom);
  await expect(page.locator('.blob-media', { hasText: SBOM })).toBeVisible();
  await expect(page.getByRole('status', { name: 'Verification result' })).toContainText('3 verified');
});

test('a layer download that breaks off halfway resumes from where it stopped (Range), and the image verifies', async ({ page }) => {
  const { open } = registries();
  const raw = inspectRemote(`${open.host}/team/busybox:1`, '--raw');
  const { Digest: manifestDigest } = inspectRemote(`${open.host}/team/busybox:1`);
  // The 8 MiB layer's response is cut halfway (Chromium may hold back a small body's first bytes).
  const proxy = await startDownloadDroppingProxy(open.port, { atLeast: 4 * 1024 * 1024 });
  try {
    await page.goto('/#inspect');
    await pull(page, `${proxy.host}/team/busybox:1`);
    await expectVerified(page, [manifestDigest, raw.config.digest, ...raw.layers.map((l: { digest: string }) => l.digest)]);
    const layer = (raw.layers as { size: number }[]).find((l) => l.size >= 4 * 1024 * 1024)!;
    const ranges = proxy.ranges().filter((r) => r !== '');
    expect(ranges).toHaveLength(1);
    // The resume asks for what the page did not get. When the connection breaks, Chromium drops
    // what had arrived but was not yet read (its pipe holds 2 MiB; the worker may be verifying
    // another layer meanwhile), so that can start before the cut, never at 0 or after it.
    const cut = Math.floor(layer.size / 2);
    const from = Number(/^bytes=(\d+)-$/.exec(ranges[0])?.[1] ?? NaN);
    expect(from).toBeGreaterThan(0);
    expect(from).toBeLessThanOrEqual(cut);
    // Nothing else was sent twice.
    expect(proxy.bodyBytes()).toBe(raw.config.size + raw.layers.reduce((n: number, l: { size: number }) => n + l.size, 0) + (cut - from));
  } finally {
    await proxy.stop();
  }
});

test('zstd layers verify; a multi-platform index lets the person pick arm64', async ({ page }) => {
  const { open } = registries();
  await page.goto('/#inspect');
  await pull(page, `${open.host}/team/busybox:zstd`);
  const zstd = inspectRemote(`${open.host}/team/busybox:zstd`, '--raw');
  expect(zstd.layers.every((l: { mediaType: string }) => l.mediaType.endsWith('+zstd'))).toBe(true);
  await expectVerified(page, zstd.layers.map((l: { digest: string }) => l.digest));

  const index = inspectRemote(`${open.host}/team/multi:1`, '--raw');
  await pull(page, `${open.host}/team/multi:1`);
  const picker = page.getByRole('group', { name: /Platform/ });
  await expect(picker).toContainText('linux/amd64');
  await picker.getByLabel('linux/arm64').check();
  const arm = index.manifests.find((m: { platform: { architecture: string } }) => m.platform.architecture === 'arm64');
  await expectVerified(page, [arm.digest]);
  await expect(page.locator('.diagram-box.is-selected')).toContainText('arm64');
});

test('a #inspect?ref= link fills in the reference and pulls only when asked', async ({ page }) => {
  const { open } = registries();
  const ref = `${open.host}/team/busybox:1`;
  const before = open.requests().length;
  await page.goto(`/#inspect?ref=${encodeURIComponent(ref)}`);
  await expect(page.getByLabel('Image reference')).toHaveValue(ref);
  await expect(page.getByRole('status').filter({ hasText: 'A link asks to open' })).toBeVisible();
  await page.waitForTimeout(500);
  expect(open.requests().length).toBe(before);
  await page.getByRole('button', { name: 'Pull', exact: true }).click();
  await expectOpened(page);
  await page.getByRole('button', { name: 'Copy link' }).click();
  expect(await page.getByRole('button', { name: 'Link copied' }).getAttribute('title')).toBe(`${origin}/#inspect?ref=${encodeURIComponent(ref)}`);
});
