// Offline and installable: after one visit the service worker holds every file of the built app
// (worker chunks included); with the network off the app reloads, composes busybox + motd and
// downloads an image tar that a real Docker runs. A new version is offered, never forced: the
// page keeps its work until the person clicks Reload. Screenshots of the prompt go to SHOTS_DIR.

import { expect, test, type Page } from '@playwright/test';
import { appendFileSync, copyFileSync, cpSync, mkdirSync, readdirSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, relative } from 'node:path';
import { startPrivateDocker } from '../src/test-support/docker-daemon.ts';
import { requireTool } from '../src/test-support/oracle.ts';
import { download, waitForBuild, waitForSaved } from './support/composer.ts';
import { serveStatic } from './support/static-server.ts';
import { shotsAtWidths } from './support/shots.ts';
import { useTempDir } from './support/temp-dir.ts';

const shotsDir = process.env.SHOTS_DIR ?? join(tmpdir(), 'layerpad-offline-shots');
const MOTD = 'Hello from an offline Layerpad\n';
const tmp = useTempDir('offline');

/** Waits until the service worker is active and has precached the app; returns the cached paths. */
async function precached(page: Page): Promise<string[]> {
  return page.evaluate(async () => {
    await navigator.serviceWorker.ready;
    const paths: string[] = [];
    for (const name of await caches.keys()) {
      for (const request of await (await caches.open(name)).keys()) paths.push(new URL(request.url).pathname.slice(1));
    }
    return paths.sort();
  });
}

/** Every file of the built app a browser may load: all of dist/ but source maps and the service worker's own scripts. */
function builtFiles(): string[] {
  const dist = join(process.cwd(), 'dist');
  return (readdirSync(dist, { recursive: true, withFileTypes: true }) as import('node:fs').Dirent[])
    .filter((entry) => entry.isFile())
    .map((entry) => relative(dist, join(entry.parentPath, entry.name)))
    .filter((path) => !path.endsWith('.map') && path !== 'sw.js' && !/^workbox-[^/]+\.js$/.test(path))
    .sort();
}

test('after one visit it works offline: reload, compose busybox + motd, download the tar, docker runs it', async ({ page, context }) => {
  test.skip(!['dockerd', 'docker', 'busybox'].every(requireTool), 'docker or busybox missing');
  test.setTimeout(240_000);
  await page.goto('/');
  const cached = await precached(page);
  expect(cached.some((path) => /assets\/engine\.worker-.*\.js$/.test(path))).toBe(true);
  expect(cached).toEqual(expect.arrayContaining(builtFiles()));

  await context.setOffline(true);
  await page.reload();
  // Proof the network is really gone: anything not precached fails to load.
  expect(await page.evaluate(() => fetch(`/not-precached-${Date.now()}`).then(() => 'loaded', () => 'failed'))).toBe('failed');

  const src = join(tmp(), 'src');
  mkdirSync(join(src, 'bin'), { recursive: true });
  mkdirSync(join(src, 'etc'), { recursive: true });
  copyFileSync('/bin/busybox', join(src, 'bin', 'busybox'));
  writeFileSync(join(src, 'etc', 'motd'), MOTD);
  await page.getByLabel('Image name').fill('offline:1.0');
  await page.getByLabel('Add folder').setInputFiles(join(src, 'bin'));
  await expect(page.getByRole('row', { name: /busybox/ })).toBeVisible();
  await page.getByLabel('Add folder').setInputFiles(join(src, 'etc'));
  await expect(page.getByRole('row', { name: /motd/ })).toBeVisible();
  await page.getByLabel('Entrypoint').fill('["/bin/busybox","cat","/etc/motd"]');
  await waitForBuild(page);
  const tar = await download(page, 'Download image tar', tmp());
  expect(tar.name).toBe('offline-1.0.tar');

  const daemon = await startPrivateDocker();
  try {
    daemon.docker(['load', '--input', tar.path]);
    expect(daemon.docker(['run', '--rm', '--network', 'none', 'offline:1.0'])).toBe(MOTD);
  } finally {
    await daemon.stop();
  }
});

test('a new version is offered, never forced: the page keeps its work until Reload is clicked', async ({ browser }) => {
  const app = join(tmp(), 'app');
  cpSync(join(process.cwd(), 'dist'), app, { recursive: true });
  const server = await serveStatic(app);
  const context = await browser.newContext({ baseURL: server.url });
  try {
    const page = await context.newPage();
    await page.goto('/');
    await precached(page);
    // From the second load on, the service worker controls the page: a new one has to wait for it.
    await page.reload();
    expect(await page.evaluate(() => !!navigator.serviceWorker.controller)).toBe(true);
    await page.getByLabel('Image name').fill('kept:1.0');
    await waitForSaved(page);
    await page.evaluate(() => ((window as unknown as { sameDocument: boolean }).sameDocument = true));

    // Publish a new version: any byte of the service worker script changes.
    appendFileSync(join(app, 'sw.js'), '\n// next version\n');
    await page.evaluate(async () => (await navigator.serviceWorker.getRegistration())!.update());
    const prompt = page.getByRole('complementary', { name: 'New version' });
    await expect(prompt).toContainText('A new version of Layerpad is available', { timeout: 30_000 });
    await page.waitForTimeout(2_000);
    expect(await page.evaluate(() => (window as unknown as { sameDocument?: boolean }).sameDocument)).toBe(true);
    await expect(page.getByLabel('Image name')).toHaveValue('kept:1.0');
    await shotsAtWidths(page, shotsDir, 'update-prompt');

    await prompt.getByRole('button', { name: 'Later' }).click();
    await expect(prompt).toHaveCount(0);
    expect(await page.evaluate(() => navigator.serviceWorker.getRegistration().then((r) => !!r?.waiting))).toBe(true);

    // The next load offers it again; Reload applies it and the saved composition comes back.
    await page.reload();
    await expect(prompt).toBeVisible({ timeout: 30_000 });
    await Promise.all([page.waitForEvent('load'), prompt.getByRole('button', { name: 'Reload' }).click()]);
    await expect(page.getByLabel('Image name')).toHaveValue('kept:1.0');
    expect(await page.evaluate(() => navigator.serviceWorker.getRegistration().then((r) => ({ waiting: !!r?.waiting, active: !!r?.active })))).toEqual({ waiting: false, active: true });
    await expect(prompt).toHaveCount(0);
  } finally {
    await context.close();
    await server.close();
  }
});
