// "Compare with…": two images made by umoci and copied by skopeo (one as oci-archive, one as
// docker-archive), the second an edit of the first (a file rewritten at the same size, one
// grown, one removed, a folder and a file added, a symlink retargeted, a mode changed). The
// inspector's file-level diff must name exactly the paths `diff -r --no-dereference` names
// between their `umoci unpack` root filesystems, plus the mode change diff -r cannot see, and
// match the shared base layer by diff_id. Also: two platforms of one index, and the composition
// against an archive of itself. Screenshots go to SHOTS_DIR.

import { expect, test } from '@playwright/test';
import { chmodSync, copyFileSync, mkdirSync, rmSync, symlinkSync, unlinkSync, writeFileSync } from 'node:fs';
import { spawnSync } from 'node:child_process';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { makeTempDir, requireTool, runTool } from '../src/test-support/oracle.ts';
import { open } from './support/inspect-page.ts';
import { makeMultiPlatform, PNG_PATH } from './support/inspect-input-fixtures.ts';
import { download, waitForBuild } from './support/composer.ts';
import { regionShots } from './support/region-shots.ts';

const shotsDir = process.env.SHOTS_DIR ?? join(tmpdir(), 'layerpad-teach-shots');
const TOOLS = ['umoci', 'skopeo', 'diff', 'busybox'];

function makeImages(dir: string) {
  const umoci = (...args: string[]) => runTool('umoci', args, { cwd: dir });
  const layout = join(dir, 'layout');
  const bundle = join(dir, 'bundle');
  umoci('init', '--layout', layout);
  umoci('new', '--image', `${layout}:a`);
  umoci('unpack', '--rootless', '--image', `${layout}:a`, bundle);
  const root = join(bundle, 'rootfs');
  for (const d of ['bin', 'etc', 'srv']) mkdirSync(join(root, d), { recursive: true });
  copyFileSync('/bin/busybox', join(root, 'bin', 'busybox'));
  symlinkSync('busybox', join(root, 'bin', 'sh'));
  writeFileSync(join(root, 'etc', 'motd'), 'hello, A\n');
  writeFileSync(join(root, 'etc', 'grow.txt'), 'short\n');
  writeFileSync(join(root, 'etc', 'old.conf'), 'to be removed\n');
  writeFileSync(join(root, 'srv', 'run.sh'), '#!/bin/sh\necho run\n');
  umoci('repack', '--history.created_by', 'COPY base /', '--image', `${layout}:a`, bundle);
  rmSync(bundle, { recursive: true, force: true });

  umoci('unpack', '--rootless', '--image', `${layout}:a`, bundle);
  writeFileSync(join(root, 'etc', 'motd'), 'hello, B\n'); // same size, other bytes
  writeFileSync(join(root, 'etc', 'grow.txt'), 'much longer now\n');
  unlinkSync(join(root, 'etc', 'old.conf'));
  mkdirSync(join(root, 'opt', 'app'), { recursive: true });
  writeFileSync(join(root, 'opt', 'app', 'data.txt'), 'new data\n');
  writeFileSync(join(root, 'etc', 'new.txt'), 'new\n');
  unlinkSync(join(root, 'bin', 'sh'));
  symlinkSync('/bin/busybox', join(root, 'bin', 'sh'));
  chmodSync(join(root, 'srv', 'run.sh'), 0o755);
  umoci('repack', '--history.created_by', 'RUN edit', '--image', `${layout}:b`, bundle);
  rmSync(bundle, { recursive: true, force: true });
  return layout;
}

/** The relative paths `diff -rq --no-dereference` reports between two directories. */
function diffPaths(a: string, b: string): string[] {
  const run = spawnSync('diff', ['-rq', '--no-dereference', a, b], { encoding: 'utf8' });
  if (run.status !== 0 && run.status !== 1) throw new Error(`diff failed: ${run.stderr}`);
  const rel = (p: string) => p.replace(/^.*?\/rootfs\/?/, '');
  const paths: string[] = [];
  for (const line of run.stdout.split('\n')) {
    let m = /^Only in (.+): (.+)$/.exec(line);
    if (m) paths.push(rel(`${m[1]}/${m[2]}`));
    else if ((m = /^(?:Files|Symbolic links) (.+) and (.+) differ$/.exec(line))) paths.push(rel(m[1]));
    else if ((m = /^File (.+) is a .+ while file (.+) is a .+$/.exec(line))) paths.push(rel(m[1]));
  }
  return paths.sort();
}

test('compare two skopeo-made images: the file diff is what diff -r says of their umoci unpack rootfs', async ({ page }) => {
  test.skip(!TOOLS.every(requireTool), 'oracle tools missing');
  test.setTimeout(240_000);
  const tmp = makeTempDir('teach-compare');
  try {
    const layout = makeImages(tmp.path);
    const skopeo = (...args: string[]) => runTool('skopeo', ['--insecure-policy', ...args]);
    const archiveA = join(tmp.path, 'a.tar');
    const archiveB = join(tmp.path, 'b.tar');
    skopeo('copy', `oci:${layout}:a`, `oci-archive:${archiveA}`);
    skopeo('copy', `oci:${layout}:b`, `docker-archive:${archiveB}:b:1`);
    for (const tag of ['a', 'b']) runTool('umoci', ['unpack', '--rootless', '--image', `${layout}:${tag}`, join(tmp.path, `bundle-${tag}`)]);
    const expected = diffPaths(join(tmp.path, 'bundle-a', 'rootfs'), join(tmp.path, 'bundle-b', 'rootfs'));
    expect(expected).toEqual(['bin/sh', 'etc/grow.txt', 'etc/motd', 'etc/new.txt', 'etc/old.conf', 'opt']);

    await page.goto('/#inspect');
    await open(page, archiveA);
    await page.getByRole('button', { name: 'Compare with…' }).click();
    await page.getByLabel('Compare with an archive').setInputFiles(archiveB);
    const region = page.getByRole('region', { name: 'Comparison' });
    const rows = region.getByRole('table', { name: 'File differences' }).locator('[data-path]');
    await expect(rows.first()).toBeVisible({ timeout: 120_000 });
    const shown = await rows.evaluateAll((els) => els.map((el) => ({ path: el.getAttribute('data-path')!, kind: el.getAttribute('data-kind')!, what: el.querySelector('.compare-what')!.textContent! })));
    // diff -r names a new or removed folder once, not its contents; it cannot see modes.
    const whole = new Set(shown.filter((r) => r.kind !== 'changed').map((r) => r.path));
    const top = shown.filter((r) => {
      if (r.kind === 'changed') return !/^mode /.test(r.what);
      return !whole.has(r.path.split('/').slice(0, -1).join('/'));
    });
    expect(top.map((r) => r.path).sort()).toEqual(expected);
    expect(shown.find((r) => r.path === 'srv/run.sh')?.what).toBe('mode 0644 → 0755');
    expect(shown.find((r) => r.path === 'etc/motd')?.what).toBe('content (same size, other bytes)');
    expect(shown.find((r) => r.path === 'bin/sh')?.what).toBe('link busybox → /bin/busybox');
    expect(shown.find((r) => r.path === 'etc/old.conf')?.kind).toBe('removed');
    await expect(region.locator('[data-path="etc/old.conf"]')).toContainText('removed in B L2');
    await expect(region.locator('[data-path="etc/new.txt"]')).toContainText('B L2');
    // The base layer is the same tar in both: shared by diff_id, though skopeo stored it differently.
    await expect(region.locator('.compare-layers-table tbody tr')).toHaveText([/^= shared/, /^\+ only in B/]);
    await expect(region.locator('.compare-config')).toContainText('rootfs.diff_ids');
    await regionShots(page, region, shotsDir, 'comparison');
  } finally {
    tmp.remove();
  }
});

test('compare two platforms of one index: the arm64 image lacks the PNG and its platform file says so', async ({ page }) => {
  test.skip(!['umoci', 'tar'].every(requireTool), 'oracle tools missing');
  const tmp = makeTempDir('teach-compare-platforms');
  try {
    const { archive } = makeMultiPlatform(tmp.path);
    await page.goto('/#inspect');
    await open(page, archive);
    await page.getByRole('button', { name: 'Compare with…' }).click();
    await page.getByRole('button', { name: 'linux/arm64 of this index' }).click();
    const region = page.getByRole('region', { name: 'Comparison' });
    const rows = region.getByRole('table', { name: 'File differences' }).locator('[data-path]');
    await expect(rows.first()).toBeVisible({ timeout: 60_000 });
    const shown = await rows.evaluateAll((els) => els.map((el) => `${el.getAttribute('data-kind')} ${el.getAttribute('data-path')}`));
    expect(shown).toEqual(['changed etc/platform', `removed usr`, 'removed usr/share', `removed ${PNG_PATH}`]);
    await expect(region.locator('[data-path="etc/platform"] .compare-what')).toHaveText('content (same size, other bytes)');
    await expect(region.locator('.compare-config')).toContainText('architecture');
    await expect(region.locator('.compare-layers-table tbody tr')).toHaveText([/^− only in A/, /^\+ only in B/]);
  } finally {
    tmp.remove();
  }
});

test('compare the composition with an archive of itself: every layer shared, no file differs', async ({ page }) => {
  const tmp = makeTempDir('teach-compare-composed');
  try {
    await page.goto('/');
    await page.getByRole('button', { name: 'New text file' }).click();
    await page.keyboard.press('Enter');
    await waitForBuild(page);
    const tar = await download(page, 'Download image tar', tmp.path);
    await page.getByRole('tab', { name: 'Inspect' }).click();
    await open(page, tar.path);
    await page.getByRole('button', { name: 'Compare with…' }).click();
    await page.getByRole('button', { name: 'The image in the composer' }).click();
    const region = page.getByRole('region', { name: 'Comparison' });
    await expect(region.getByRole('button', { name: /^All \(/ })).toHaveText('All (0)', { timeout: 60_000 });
    await expect(region).toContainText('The two merged filesystems hold the same files, byte for byte.');
    await expect(region.locator('.compare-layers-table tbody tr')).toHaveText([/^= shared/]);
    await expect(region).toContainText('Every field is the same.');
  } finally {
    tmp.remove();
  }
});
