// Tar anatomy, composer and inspector: a text file whose name is too long for ustar (150 bytes,
// no "/" to split at) is shown behind "Show tar header" as a PAX `x` header, its `path` record,
// then the ustar header with the ustar field names, and the checksum the page computes equals the
// one this test computes from the downloaded layer's bytes. Clicking a field lights its bytes;
// clicking a byte chooses its field. Screenshots of the region go to SHOTS_DIR.

import { expect, test, type Locator } from '@playwright/test';
import { readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { gunzipSync } from 'node:zlib';
import { makeTempDir, requireTool, runTool } from '../src/test-support/oracle.ts';
import { download, waitForBuild } from './support/composer.ts';
import { open } from './support/inspect-page.ts';
import { regionShots } from './support/region-shots.ts';

const shotsDir = process.env.SHOTS_DIR ?? join(tmpdir(), 'layerpad-teach-shots');
const NAME = `${'long-name-'.repeat(15)}.txt`;
const USTAR = ['name', 'mode', 'uid', 'gid', 'size', 'mtime', 'chksum', 'typeflag', 'linkname', 'magic', 'version', 'uname', 'gname', 'devmajor', 'devminor', 'prefix'];

/** The ustar header of `name` in a layer tar, found by this test's own walk, and its checksum by the spec. */
function expectedHeader(tar: Uint8Array, name: string) {
  const text = (b: Uint8Array) => new TextDecoder().decode(b.subarray(0, b.indexOf(0) < 0 ? b.length : b.indexOf(0)));
  for (let at = 0; at + 512 <= tar.length;) {
    const block = tar.subarray(at, at + 512);
    const size = parseInt(text(block.subarray(124, 136)) || '0', 8);
    const type = String.fromCharCode(block[156]);
    const data = tar.subarray(at + 512, at + 512 + size);
    if (type === 'x' && new TextDecoder().decode(data).includes(` path=${name}\n`)) {
      const headerAt = at + 512 + Math.ceil(size / 512) * 512;
      const header = tar.subarray(headerAt, headerAt + 512);
      const sum = header.reduce((n, b, i) => n + (i >= 148 && i < 156 ? 32 : b), 0);
      return { headerAt, sum, stored: parseInt(text(header.subarray(148, 156)), 8) };
    }
    at += 512 + Math.ceil(size / 512) * 512;
  }
  throw new Error(`no PAX header naming ${name}`);
}

async function checkAnatomy(region: Locator, expected: { headerAt: number; sum: number; stored: number }) {
  const pax = region.getByRole('group', { name: /^PAX header \(typeflag x\)/ });
  await expect(pax).toBeVisible({ timeout: 60_000 });
  await expect(pax.getByRole('button', { name: /^typeflag/ })).toContainText('PAX extended header');
  const records = region.getByRole('group', { name: /^PAX records/ });
  const pathRecord = records.getByRole('button', { name: /^path\b/ });
  await expect(pathRecord).toContainText(NAME);
  await pathRecord.click();
  await expect(records.getByLabel('Chosen field')).toContainText(`the path is ${NAME.length} bytes`);

  const header = region.getByRole('group', { name: /^ustar header/ });
  const names = await header.locator('.anatomy-name').allTextContents();
  expect(names.slice(0, USTAR.length)).toEqual(USTAR);
  await expect(header.locator('.checksum-computed')).toHaveText(String(expected.sum));
  await expect(header.locator('.checksum-stored')).toHaveText(String(expected.stored));
  expect(expected.stored).toBe(expected.sum);

  // Field -> bytes: choosing "mode" lights exactly its 8 bytes (offsets 100..107 of the block).
  await header.getByRole('button', { name: /^mode\b/ }).click();
  await expect(header.locator('.hex-byte.is-chosen')).toHaveCount(8);
  // Bytes -> field: a byte of the size field (block offset 124..135) chooses "size".
  await header.locator(`.hex-byte[data-offset="${expected.headerAt + 130}"]`).click();
  await expect(header.getByRole('button', { name: /^size\b/ })).toHaveAttribute('aria-pressed', 'true');
  await expect(header.getByLabel('Chosen field')).toContainText('size');
}

test('a long-name PAX entry: x header, its records, and the checksum the test computes, in the composer and the inspector', async ({ page }) => {
  test.skip(!requireTool('tar'), 'GNU tar missing');
  test.setTimeout(180_000);
  const tmp = makeTempDir('teach-tar');
  try {
    await page.goto('/');
    await page.getByRole('button', { name: 'New text file' }).click();
    await page.keyboard.press('ControlOrMeta+a');
    await page.keyboard.type(NAME);
    await page.keyboard.press('Enter');
    await page.getByRole('row', { name: NAME }).click();
    await page.getByLabel('Contents').fill('hello from a long name\n');
    await waitForBuild(page);

    const tar = await download(page, 'Download image tar', tmp.path);
    runTool('tar', ['-xf', tar.path, '-C', tmp.path]);
    const manifest = JSON.parse(readFileSync(join(tmp.path, 'manifest.json'), 'utf8'))[0];
    const layerTar = gunzipSync(readFileSync(join(tmp.path, manifest.Layers[0])));
    const expected = expectedHeader(layerTar, NAME);

    await page.getByRole('button', { name: 'Show tar header' }).click();
    const composed = page.getByRole('region', { name: 'Tar header' });
    await checkAnatomy(composed, expected);
    await expect(composed).toContainText('The archive ends with two zero blocks');
    await regionShots(page, composed, shotsDir, 'tar-header-composer');

    await page.getByRole('tab', { name: 'Inspect' }).click();
    await open(page, tar.path);
    await page.getByRole('tab', { name: 'Layers' }).click();
    await page.getByRole('table', { name: 'Files in layer L1' }).getByRole('row', { name: new RegExp(NAME) }).click();
    await page.getByRole('button', { name: 'Show tar header' }).click();
    const inspected = page.getByRole('region', { name: 'Tar header' });
    await checkAnatomy(inspected, expected);
    await expect(inspected).toContainText('uncompressed tar (the layer blob is gzip)');
    await regionShots(page, inspected, shotsDir, 'tar-header-inspector');
  } finally {
    tmp.remove();
  }
});
