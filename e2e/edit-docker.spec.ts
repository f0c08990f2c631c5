// Editing a real image end to end, judged by the engines that run images: the private Docker
// daemon builds and saves a busybox base (two layers, legacy docker save); the inspector opens it
// and "Edit this image" hands it to the composer, where a file is added, /bin/ls deleted,
// /etc/passwd replaced and Env and Cmd changed. The exported tar is loaded and run by Docker and
// podman, its zip unpacked by umoci; the base's layers and history are kept; after a reload the
// edit is still there and exports the same bytes.

import { expect, test } from '@playwright/test';
import { existsSync, mkdirSync } from 'node:fs';
import { join } from 'node:path';
import { dockerBase } from '../src/test-support/edit-bases.ts';
import { startPrivateDocker, type PrivateDocker } from '../src/test-support/docker-daemon.ts';
import { podmanLoadAndRun } from '../src/test-support/private-podman.ts';
import { makeTempDir, requireTool, runTool } from '../src/test-support/oracle.ts';
import { download, waitForBuild, waitForSaved } from './support/composer.ts';
import { EDITED_OUTPUT, makeTheEdits, row } from './support/edit-page.ts';
import { open } from './support/inspect-page.ts';

const TOOLS = ['dockerd', 'docker', 'podman', 'skopeo', 'umoci', 'unzip', 'busybox'];
const NAME = 'layerpad-base/busybox:1.0';

test.describe('edit a docker-built image', () => {
  test.skip(!TOOLS.every(requireTool), 'oracle tools missing');
  const tmp = makeTempDir('edit-docker');
  let daemon: PrivateDocker;
  let baseTar: string;

  test.beforeAll(async () => {
    test.setTimeout(180_000);
    daemon = await startPrivateDocker();
    baseTar = dockerBase(daemon.docker, tmp.path, NAME);
  });
  test.afterAll(async () => {
    await daemon?.stop();
    tmp.remove();
  });

  test('inspect -> Edit this image -> add, delete, replace, Env, Cmd -> docker, podman and umoci run it', async ({ page }) => {
    test.setTimeout(300_000);
    const docker = daemon.docker;
    const baseHistory = JSON.parse(runTool('skopeo', ['inspect', '--config', `docker-archive:${baseTar}`])).history;
    const baseLayers: string[] = JSON.parse(runTool('skopeo', ['inspect', '--raw', `docker-archive:${baseTar}`])).layers.map((l: { digest: string }) => l.digest);
    expect(baseLayers).toHaveLength(2);

    await page.goto('/#inspect');
    await open(page, baseTar);
    await page.getByRole('button', { name: 'Edit this image' }).click();

    // The composer shows the base's layers, read-only, and its files.
    const baseSection = page.getByRole('region', { name: 'Base image' });
    await expect(baseSection).toContainText(NAME);
    await expect(baseSection.locator('.layer.is-base')).toHaveCount(2);
    await expect(baseSection.locator('.layer.is-base').first()).toContainText('base');
    await expect(row(page, 'busybox')).toContainText('base L1');
    await expect(page.getByLabel('Image name')).toHaveValue('layerpad-base/busybox:1.0-edited');
    await expect(page.getByLabel('Environment')).toHaveValue('PATH=/bin');

    await makeTheEdits(page, tmp.path);
    const digest = await waitForBuild(page);
    await waitForSaved(page);
    const out = join(tmp.path, 'out');
    mkdirSync(out);
    const tar = await download(page, 'Download image tar', out);
    const zip = await download(page, 'Download OCI layout (.zip)', out);

    // The base layers unchanged and in order, the new one on top; history kept and extended.
    const raw = JSON.parse(runTool('skopeo', ['inspect', '--raw', `oci-archive:${tar.path}`]));
    expect(raw.layers.slice(0, 2).map((l: { digest: string }) => l.digest)).toEqual(baseLayers);
    expect(raw.layers).toHaveLength(3);
    const config = JSON.parse(runTool('skopeo', ['inspect', '--config', `oci-archive:${tar.path}`]));
    expect(config.history.slice(0, baseHistory.length)).toEqual(baseHistory);
    expect(config.history.slice(baseHistory.length).map((h: { created_by: string }) => h.created_by)).toEqual(['COPY . / # layer 3']);

    // Docker and podman load it and run it: the new file and passwd, no ls, the new env.
    expect(docker(['load', '--input', tar.path])).toContain('Loaded image: layerpad-base/busybox:1.0-edited');
    expect(docker(['run', '--rm', '--network', 'none', 'layerpad-base/busybox:1.0-edited'])).toBe(EDITED_OUTPUT);
    expect(podmanLoadAndRun(tar.path, 'layerpad-base/busybox:1.0-edited')).toBe(EDITED_OUTPUT);
    const layout = join(tmp.path, 'layout');
    runTool('unzip', ['-q', zip.path, '-d', layout]);
    const bundle = join(tmp.path, 'bundle');
    runTool('umoci', ['unpack', '--rootless', '--image', `${layout}:1.0-edited`, bundle]);
    expect(existsSync(join(bundle, 'rootfs/bin/ls'))).toBe(false);
    expect(existsSync(join(bundle, 'rootfs/etc/motd2'))).toBe(true);

    // After a reload the edit is still there, on its base, and exports the same bytes.
    await page.reload();
    await expect(page.getByRole('region', { name: 'Base image' }).locator('.layer.is-base')).toHaveCount(2);
    await expect(row(page, 'ls')).toContainText('deleted');
    expect(await waitForBuild(page)).toBe(digest);
    const again = join(tmp.path, 'again');
    mkdirSync(again);
    expect((await download(page, 'Download image tar', again)).sha256).toBe(tar.sha256);
  });
});
