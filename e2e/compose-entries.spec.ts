// Entries made and edited in the composer end up in the layer exactly as shown: a folder, a text
// file typed inline, a symlink, a changed mode and owner. GNU tar lists the downloaded layer.

import { expect, test, type Page } from '@playwright/test';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { makeTempDir, requireTool, runTool } from '../src/test-support/oracle.ts';
import { download, waitForBuild } from './support/composer.ts';

const row = (page: Page, name: string) => page.getByRole('row', { name, exact: true });

test('new folder, text file, symlink, mode and owner reach the layer tar', async ({ page }) => {
  test.skip(!requireTool('tar') || !requireTool('unzip'), 'oracle tools missing');
  const tmp = makeTempDir('compose-entries');
  try {
    await page.goto('/');
    await page.getByRole('button', { name: 'New folder' }).click();
    await expect(page.getByLabel('Name', { exact: true })).toBeFocused();
    await page.keyboard.press('ControlOrMeta+a');
    await page.keyboard.type('app');
    await page.keyboard.press('Enter');
    await expect(row(page, 'app')).toBeFocused();

    // "app" is selected, so the new file lands inside it.
    await page.getByRole('button', { name: 'New text file' }).click();
    await page.keyboard.press('ControlOrMeta+a');
    await page.keyboard.type('run.sh');
    await page.keyboard.press('Enter');
    await row(page, 'run.sh').click();
    await page.getByLabel('Contents').fill('#!/bin/sh\necho hello\n');
    await page.getByLabel('Octal').fill('0750');
    await expect(page.getByLabel('Group execute')).toBeChecked();
    await page.getByLabel('Others read').check();
    await page.getByLabel('uid').fill('1000');
    await page.getByLabel('gid').fill('1001');
    await expect(row(page, 'run.sh')).toContainText('-rwxr-xr--');

    await row(page, 'app').click();
    await page.getByRole('button', { name: 'New symlink' }).click();
    await page.keyboard.press('ControlOrMeta+a');
    await page.keyboard.type('start');
    await page.keyboard.press('Enter');
    await row(page, 'start').click();
    await page.getByLabel('Link target').fill('run.sh');
    await expect(row(page, 'start')).toContainText('→ run.sh');

    // Bad names are refused with a reason.
    await page.getByLabel('Name', { exact: true }).fill('run.sh');
    await page.getByLabel('Name', { exact: true }).press('Enter');
    await expect(page.getByRole('alert')).toContainText('"run.sh" already exists in this folder');

    await page.getByLabel('Cmd').fill('/app/start');
    await expect(page.getByLabel('Config JSON')).toContainText('/app/start');
    await waitForBuild(page);
    const zip = await download(page, 'Download OCI layout (.zip)', tmp.path);
    const layout = join(tmp.path, 'layout');
    runTool('unzip', ['-q', zip.path, '-d', layout]);
    const index = JSON.parse(readFileSync(join(layout, 'index.json'), 'utf8'));
    const manifest = JSON.parse(readFileSync(join(layout, 'blobs', ...index.manifests[0].digest.split(':')), 'utf8'));
    const layer = join(layout, 'blobs', ...manifest.layers[0].digest.split(':'));
    const listing = runTool('tar', ['-tvzf', layer, '--numeric-owner']);
    expect(listing).toMatch(/^drwxr-xr-x 0\/0 +0 .* app\/$/m);
    expect(listing).toMatch(/^-rwxr-xr-- 1000\/1001 +21 .* app\/run\.sh$/m);
    expect(listing).toMatch(/^lrwxrwxrwx 0\/0 +0 .* app\/start -> run\.sh$/m);
    expect(runTool('tar', ['-xzOf', layer, 'app/run.sh'])).toBe('#!/bin/sh\necho hello\n');
  } finally {
    tmp.remove();
  }
});
