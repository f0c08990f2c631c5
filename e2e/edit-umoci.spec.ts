// Editing an umoci-made image, started from the composer's New image dialog, and the export
// options judged by the tools: squashed, umoci unpacks the same root filesystem (names, types,
// modes, owners, contents) as unsquashed; recompressed to zstd, skopeo shows zstd media types with
// the same diff_ids and podman runs it. And when this browser could not keep the base archive, a
// reload asks for it by name, size and manifest digest, refuses another image, and takes it back.

import { expect, test, type Page } from '@playwright/test';
import { mkdirSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { umociBase } from '../src/test-support/edit-bases.ts';
import { podmanLoadAndRun } from '../src/test-support/private-podman.ts';
import { makeTempDir, requireTool, runTool } from '../src/test-support/oracle.ts';
import { download, waitForBuild, waitForSaved } from './support/composer.ts';
import { EDITED_OUTPUT, MOTD2, makeTheEdits, row } from './support/edit-page.ts';

const TOOLS = ['umoci', 'skopeo', 'podman', 'unzip', 'diff', 'find', 'busybox'];
const skopeo = (...args: string[]) => runTool('skopeo', ['--insecure-policy', ...args]);

async function startFrom(page: Page, archive: string) {
  await page.getByRole('button', { name: 'New image' }).click();
  await page.getByLabel('Start from an image archive').setInputFiles(archive);
  await expect(page.getByRole('region', { name: 'Base image' }).locator('.layer.is-base')).toHaveCount(2);
}

test.describe('edit an umoci-made image', () => {
  test.skip(!TOOLS.every(requireTool), 'oracle tools missing');
  const tmp = makeTempDir('edit-umoci');
  let archive: string;
  let other: string;

  test.beforeAll(() => {
    const { layout, tag } = umociBase(tmp.path);
    archive = join(tmp.path, 'umoci-base.tar');
    skopeo('copy', `oci:${layout}:${tag}`, `oci-archive:${archive}:umoci-base:1`);
    // Another image, to be refused when the edit asks for its base back.
    other = join(tmp.path, 'other.tar');
    skopeo('copy', '--dest-compress-format', 'zstd', `oci:${layout}:${tag}`, `oci-archive:${other}:other:1`);
  });
  test.afterAll(() => tmp.remove());

  test('New image -> from an archive; squash gives the same rootfs; zstd keeps the diff_ids and runs', async ({ page }) => {
    test.setTimeout(300_000);
    await page.goto('/');
    await startFrom(page, archive);
    await makeTheEdits(page, tmp.path);
    await waitForBuild(page);

    const unpack = async (name: string) => {
      const dir = join(tmp.path, name);
      mkdirSync(dir);
      const zip = await download(page, 'Download OCI layout (.zip)', dir);
      runTool('unzip', ['-q', zip.path, '-d', join(dir, 'layout')]);
      runTool('umoci', ['unpack', '--rootless', '--image', `${join(dir, 'layout')}:1-edited`, join(dir, 'bundle')]);
      return join(dir, 'bundle', 'rootfs');
    };
    const listing = (rootfs: string) => runTool('find', ['.', '-printf', '%p %y %m %U %G %s %l\n'], { cwd: rootfs }).split('\n').sort();
    const layered = await unpack('layered');
    expect(listing(layered)).toContain(`./etc/motd2 f 644 0 0 ${MOTD2.length} `);
    expect(listing(layered).filter((line) => line.startsWith('./bin/'))).toEqual([`./bin/busybox f 755 0 0 ${statSync('/bin/busybox').size} `, './bin/sh l 777 0 0 7 busybox']);

    await page.getByLabel('Squash all layers into one').check();
    await waitForBuild(page);
    await expect(page.locator('.built-layer')).toHaveCount(1);
    const squashed = await unpack('squashed');
    expect(listing(squashed)).toEqual(listing(layered));
    runTool('diff', ['-r', '--no-dereference', layered, squashed]);

    await page.getByLabel('Squash all layers into one').uncheck();
    const gzipDir = join(tmp.path, 'gzip');
    mkdirSync(gzipDir);
    await waitForBuild(page);
    const gzipTar = await download(page, 'Download image tar', gzipDir);
    const diffIds = JSON.parse(skopeo('inspect', '--config', `oci-archive:${gzipTar.path}`)).rootfs.diff_ids;

    await page.getByLabel('Layer compression').selectOption('zstd');
    await waitForBuild(page);
    const zstdDir = join(tmp.path, 'zstd');
    mkdirSync(zstdDir);
    const zstdTar = await download(page, 'Download image tar', zstdDir);
    const raw = JSON.parse(skopeo('inspect', '--raw', `oci-archive:${zstdTar.path}`));
    expect(raw.layers.map((l: { mediaType: string }) => l.mediaType)).toEqual(Array(3).fill('application/vnd.oci.image.layer.v1.tar+zstd'));
    expect(JSON.parse(skopeo('inspect', '--config', `oci-archive:${zstdTar.path}`)).rootfs.diff_ids).toEqual(diffIds);
    expect(podmanLoadAndRun(zstdTar.path, 'umoci-base:1-edited')).toBe(EDITED_OUTPUT);
  });

  test('a base archive this browser could not keep is asked for again, and another image is refused', async ({ page }) => {
    test.setTimeout(180_000);
    // Storage refuses the base archive (as a full quota would); everything else saves.
    await page.addInitScript(() => {
      const put = IDBObjectStore.prototype.put;
      IDBObjectStore.prototype.put = function (value: unknown, key?: IDBValidKey) {
        if (key === 'base-archive') throw new DOMException('The quota has been exceeded.', 'QuotaExceededError');
        return put.call(this, value, key);
      };
    });
    await page.goto('/');
    await startFrom(page, archive);
    await expect(page.getByRole('alert')).toContainText('could not keep umoci-base.tar');
    await row(page, 'etc').click();
    await page.getByRole('button', { name: 'New text file' }).click();
    const digest = await waitForBuild(page);
    await waitForSaved(page);

    await page.reload();
    const missing = page.locator('.base-missing');
    await expect(missing).toContainText('umoci-base.tar');
    await expect(missing).toContainText(/\d+(\.\d+)? (KiB|MiB)/);
    await expect(missing).toContainText(/sha256:[0-9a-f]{64}/);
    await expect(page.getByRole('status').filter({ hasText: 'Waiting for the base image' })).toBeVisible();

    await page.getByLabel('Pick the base image archive again').setInputFiles(other);
    await expect(missing.getByRole('alert')).toContainText('other.tar does not hold the image sha256:');
    await expect(missing.getByRole('alert')).toContainText('This edit needs umoci-base.tar');

    await page.getByLabel('Pick the base image archive again').setInputFiles(archive);
    await expect(missing).toHaveCount(0);
    expect(await waitForBuild(page)).toBe(digest);
  });
});
