// One composition for two platforms, through the composer: busybox + motd in a shared layer, and
// a per-platform layer where each platform gets its own /app (an amd64 binary dropped on arm64 is
// flagged first). Judged by skopeo (the index with both platforms; each picked by architecture),
// umoci (each platform's /app), oci-image-tool and Docker (loads and runs the amd64 image).

import { expect, test, type Page } from '@playwright/test';
import { copyFileSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { startPrivateDocker } from '../src/test-support/docker-daemon.ts';
import { makeTempDir, requireTool, runTool } from '../src/test-support/oracle.ts';
import { download, waitForBuild } from './support/composer.ts';

const TOOLS = ['skopeo', 'umoci', 'oci-image-tool', 'unzip', 'dockerd', 'docker', 'busybox'];
const skopeo = (...args: string[]) => runTool('skopeo', ['--insecure-policy', ...args]);
const row = (page: Page, name: string) => page.getByRole('row', { name, exact: true });

test('two platforms: a shared layer built once, a layer per platform, one index; skopeo, umoci and docker agree', async ({ page }) => {
  test.skip(!TOOLS.every(requireTool), 'oracle tools missing');
  test.setTimeout(300_000);
  const tmp = makeTempDir('platforms');
  try {
    const src = join(tmp.path, 'src');
    mkdirSync(join(src, 'bin'), { recursive: true });
    copyFileSync('/bin/busybox', join(src, 'bin', 'busybox'));
    writeFileSync(join(src, 'motd'), 'shared motd\n');
    for (const arch of ['amd64', 'arm64']) {
      mkdirSync(join(tmp.path, arch));
      writeFileSync(join(tmp.path, arch, 'app'), `the ${arch} app\n`);
    }
    mkdirSync(join(tmp.path, 'wrong'));
    copyFileSync('/bin/busybox', join(tmp.path, 'wrong', 'app'));

    await page.goto('/');
    await page.getByLabel('Image name').fill('layerpad-test/multi:1.0');
    await page.getByLabel('Platform to add').selectOption('linux/arm64');
    await page.getByRole('button', { name: 'Add platform' }).click();
    await expect(page.getByRole('group', { name: 'linux/amd64' })).toBeVisible();
    await expect(page.getByRole('group', { name: 'linux/arm64' })).toBeVisible();

    // L1, shared: busybox and the motd, added once for both platforms.
    await page.getByLabel('Active layer L1').check();
    await page.getByLabel('Add folder').setInputFiles(join(src, 'bin'));
    await page.getByLabel('Add files').setInputFiles(join(src, 'motd'));
    await expect(row(page, 'busybox')).toBeVisible();

    // L2, per platform: each platform's own /app.
    await page.getByRole('button', { name: 'Add layer' }).click();
    await page.getByLabel('Layer L2 has files per platform').check();
    const filesOf = page.getByRole('radiogroup', { name: 'Files of platform' });
    await filesOf.getByText('linux/amd64').click();
    await page.getByLabel('Add files').setInputFiles(join(tmp.path, 'amd64', 'app'));
    await expect(row(page, 'app')).toContainText('L2');
    await filesOf.getByText('linux/arm64').click();
    await expect(filesOf.getByRole('radio', { name: 'linux/arm64' })).toBeChecked();
    await expect(row(page, 'app')).toHaveCount(0);
    await expect(row(page, 'busybox')).toBeVisible();
    await page.getByLabel('Add files').setInputFiles(join(tmp.path, 'wrong', 'app'));
    await expect(page.getByRole('group', { name: 'linux/arm64' })).toContainText('/app (amd64)');
    await page.getByLabel('Add files').setInputFiles(join(tmp.path, 'arm64', 'app'));
    await expect(page.getByRole('group', { name: 'linux/arm64' })).not.toContainText('/app (amd64)');

    await page.getByLabel('Entrypoint').fill('["/bin/busybox","sh","-c"]');
    await page.getByLabel('Cmd').fill('["cat /motd /app"]');
    await waitForBuild(page);
    const indexDigest = await page.getByLabel('Index digest').textContent();
    expect(indexDigest).toMatch(/^sha256:[0-9a-f]{64}$/);
    const out = join(tmp.path, 'out');
    mkdirSync(out);
    const zip = await download(page, 'Download OCI layout (.zip)', out);
    const tar = await download(page, 'Download image tar', out);

    const layout = join(tmp.path, 'layout');
    runTool('unzip', ['-q', zip.path, '-d', layout]);
    const raw = JSON.parse(skopeo('inspect', '--raw', `oci:${layout}:1.0`));
    expect(raw.manifests.map((m: { platform: { architecture: string } }) => m.platform.architecture)).toEqual(['amd64', 'arm64']);
    expect(`sha256:${runTool('sha256sum', [join(layout, 'blobs', 'sha256', indexDigest!.slice(7))]).slice(0, 64)}`).toBe(indexDigest);
    const manifests = raw.manifests.map((m: { digest: string }) => JSON.parse(readFileSync(join(layout, 'blobs', 'sha256', m.digest.slice(7)), 'utf8')));
    expect(manifests[0].layers[0].digest).toBe(manifests[1].layers[0].digest); // the shared layer, built once
    expect(manifests[0].layers[1].digest).not.toBe(manifests[1].layers[1].digest);
    for (const arch of ['amd64', 'arm64']) {
      const copy = join(tmp.path, `copy-${arch}`);
      skopeo('copy', '--override-arch', arch, `oci:${layout}:1.0`, `oci:${copy}:x`);
      const bundle = join(tmp.path, `bundle-${arch}`);
      runTool('umoci', ['unpack', '--rootless', '--image', `${copy}:x`, bundle]);
      expect(readFileSync(join(bundle, 'rootfs', 'app'), 'utf8')).toBe(`the ${arch} app\n`);
    }
    expect(runTool('oci-image-tool', ['validate', '--type', 'image', '--ref', 'name=1.0', layout])).toMatch(/Validation succeeded/);
    await expect(page.locator('.result-panel')).toContainText("manifest.json (what docker load reads) names linux/amd64");

    const daemon = await startPrivateDocker();
    try {
      daemon.docker(['load', '--input', tar.path]);
      expect(daemon.docker(['run', '--rm', '--network', 'none', 'layerpad-test/multi:1.0'])).toBe('shared motd\nthe amd64 app\n');
    } finally {
      await daemon.stop();
    }
  } finally {
    tmp.remove();
  }
});
