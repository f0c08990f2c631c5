// Archives that real container engines saved, made inside the test from Layerpad's busybox image:
// Docker 20.10's `docker save` (legacy form) from a private daemon, and podman's `save` as
// docker-archive, oci-archive and oci-dir (a folder). The page must show the image ID (config
// digest) and the diff_ids the engine itself reports, verify every blob, and list the busybox
// binary in the first layer.

import { expect, test, type Page } from '@playwright/test';
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { BUSYBOX, writeBusyboxImageTar } from '../src/test-support/busybox-image.ts';
import { startPrivateDocker } from '../src/test-support/docker-daemon.ts';
import { requireTool } from '../src/test-support/oracle.ts';
import { privatePodman } from '../src/test-support/private-podman.ts';
import { rawManifest } from './support/inspect-fixtures.ts';
import { useTempDir } from './support/temp-dir.ts';
import { blob, expectVerified, layerFileNames, open } from './support/inspect-page.ts';

const NAME = 'layerpad-test/busybox:1.0';
const tmp = useTempDir('inspect-saves');

interface Saved {
  path: string;
  /** The config digest: what the engine calls the image ID. */
  imageId: string;
  /** Diff_ids as the engine reports them (RootFS.Layers). */
  diffIds: string[];
}
const saved: Record<'docker' | 'podmanDocker' | 'podmanOci' | 'podmanOciDir', Saved> = {} as never;

test.describe.configure({ mode: 'serial' });

test.beforeAll(async () => {
  test.setTimeout(180_000);
  test.skip(!['dockerd', 'docker', 'podman', 'skopeo', 'busybox'].every(requireTool) || !existsSync(BUSYBOX), 'engines missing');
  const image = join(tmp(), 'layerpad.tar');
  await writeBusyboxImageTar(image, '0:0');

  const daemon = await startPrivateDocker();
  try {
    daemon.docker(['load', '--input', image]);
    const info = JSON.parse(daemon.docker(['image', 'inspect', NAME]))[0];
    const path = join(tmp(), 'docker-save.tar');
    daemon.docker(['save', '--output', path, NAME]);
    saved.docker = { path, imageId: info.Id, diffIds: info.RootFS.Layers };
  } finally {
    await daemon.stop();
  }

  const podman = privatePodman();
  try {
    podman.podman(['load', '--quiet', '--input', image]);
    const info = JSON.parse(podman.podman(['image', 'inspect', NAME]))[0];
    const of = (path: string): Saved => ({ path, imageId: `sha256:${info.Id}`, diffIds: info.RootFS.Layers });
    for (const [key, format, file] of [['podmanDocker', 'docker-archive', 'podman-docker.tar'], ['podmanOci', 'oci-archive', 'podman-oci.tar'], ['podmanOciDir', 'oci-dir', 'podman-oci-dir']] as const) {
      saved[key] = of(join(tmp(), file));
      podman.podman(['save', '--format', format, '--output', saved[key].path, NAME]);
    }
  } finally {
    podman.remove();
  }
});

async function expectEngineView(page: Page, s: Saved, layerDigests: string[]) {
  await expect(page.locator('.diagram-heading', { hasText: /^Layers/ })).toContainText(`Layers (${s.diffIds.length})`);
  await expectVerified(page, [s.imageId, ...layerDigests]);
  await expect(page.getByRole('status', { name: 'Verification result' })).not.toContainText(/mismatch|missing|unverified/);
  await page.getByRole('tab', { name: 'Layers' }).click();
  for (const [i, diffId] of s.diffIds.entries()) await expect(page.getByLabel(`Layer L${i + 1} diff_id`)).toHaveText(diffId);
  expect(await layerFileNames(page, 1)).toContain('bin/busybox');
}

test('docker save from Docker 20.10: the image ID and diff_ids docker reports, every blob verified', async ({ page }) => {
  await page.goto('/#inspect');
  await open(page, saved.docker.path);
  await expect(page.getByLabel('Format')).toContainText('docker save (legacy');
  await expect(blob(page, saved.docker.imageId)).toContainText(saved.docker.imageId);
  // The legacy form stores uncompressed layer tars, named by their diff_ids.
  await expectEngineView(page, saved.docker, saved.docker.diffIds);
});

test('podman save as docker-archive: podman\'s image ID and diff_ids, every blob verified', async ({ page }) => {
  await page.goto('/#inspect');
  await open(page, saved.podmanDocker.path);
  await expect(page.getByLabel('Format')).toContainText('docker save (legacy');
  await expectEngineView(page, saved.podmanDocker, saved.podmanDocker.diffIds);
});

test('podman save as oci-archive and as oci-dir (a picked folder): OCI layouts with podman\'s layers', async ({ page }) => {
  const archived = rawManifest(`oci-archive:${saved.podmanOci.path}`);
  await page.goto('/#inspect');
  await open(page, saved.podmanOci.path);
  await expect(page.getByLabel('Format')).toHaveText('OCI image layout in a tar');
  await expectEngineView(page, saved.podmanOci, archived.layers.map((l) => l.digest));

  const folder = rawManifest(`oci:${saved.podmanOciDir.path}`);
  await page.goto('/#inspect');
  await page.getByLabel('Open OCI layout folder').setInputFiles(saved.podmanOciDir.path);
  await expect(page.getByLabel('Format')).toHaveText('OCI image layout as a folder', { timeout: 30_000 });
  await expectEngineView(page, saved.podmanOciDir, folder.layers.map((l) => l.digest));
});
