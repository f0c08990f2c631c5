// The promise "nothing leaves your machine", checked: through every flow (compose, both
// downloads, inspect our own tar with verification, a text and an image preview, a file
// download, the merged filesystem, an offline reload) the page, its workers and its service
// worker request nothing outside the app's origin, and the Content-Security-Policy (meta and
// header) is never violated. An inline script at the end proves the watch works.

import { expect, test } from '@playwright/test';
import { copyFileSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { requireTool } from '../src/test-support/oracle.ts';
import { CONTENT_SECURITY_POLICY } from '../vite.config.ts';
import { download, waitForBuild } from './support/composer.ts';
import { open } from './support/inspect-page.ts';
import { useTempDir } from './support/temp-dir.ts';

const tmp = useTempDir('csp');

declare global {
  interface Window {
    cspViolations: string[];
  }
}

test('every flow stays on the app\'s origin and breaks no Content-Security-Policy rule', async ({ page, context, baseURL }) => {
  test.skip(!requireTool('busybox'), 'busybox missing');
  test.setTimeout(180_000);
  const origin = new URL(baseURL!).origin;
  const requests: string[] = [];
  context.on('request', (request) => requests.push(request.url()));
  const cspConsole: string[] = [];
  context.on('console', (message) => {
    if (/Content Security Policy/i.test(message.text())) cspConsole.push(message.text());
  });
  await context.addInitScript(() => {
    window.cspViolations = [];
    document.addEventListener('securitypolicyviolation', (e) => window.cspViolations.push(`${e.violatedDirective} ${e.blockedURI} ${e.sourceFile}:${e.lineNumber}:${e.columnNumber} ${e.sample}`));
  });

  const response = await page.goto('/');
  expect(response!.headers()['content-security-policy']).toBe(CONTENT_SECURITY_POLICY);
  expect(await page.locator('meta[http-equiv="Content-Security-Policy"]').getAttribute('content')).toBe(CONTENT_SECURITY_POLICY);
  await page.evaluate(() => navigator.serviceWorker.ready);

  const src = join(tmp(), 'src');
  mkdirSync(join(src, 'bin'), { recursive: true });
  mkdirSync(join(src, 'etc'), { recursive: true });
  copyFileSync('/bin/busybox', join(src, 'bin', 'busybox'));
  writeFileSync(join(src, 'etc', 'motd'), 'hello\n');
  copyFileSync('public/icon-192.png', join(src, 'etc', 'logo.png'));
  await page.getByLabel('Image name').fill('csp:1.0');
  await page.getByLabel('Add folder').setInputFiles(join(src, 'bin'));
  await page.getByLabel('Add folder').setInputFiles(join(src, 'etc'));
  await expect(page.getByRole('row', { name: /logo\.png/ })).toBeVisible();
  await page.getByLabel('Entrypoint').fill('["/bin/busybox","cat","/etc/motd"]');
  await waitForBuild(page);
  await download(page, 'Download OCI layout (.zip)', tmp());
  const tar = await download(page, 'Download image tar', tmp());

  await page.getByRole('tab', { name: 'Inspect' }).click();
  await open(page, tar.path);
  await expect(page.getByRole('status', { name: 'Verification result' })).toContainText('verified', { timeout: 60_000 });
  await page.getByRole('tab', { name: 'Layers' }).click();
  await page.getByRole('button', { name: /^L1\b/ }).click();
  await page.getByRole('row', { name: /etc\/motd/ }).click();
  await expect(page.getByLabel('Text preview')).toHaveText('hello\n');
  await page.getByRole('row', { name: /etc\/logo\.png/ }).click();
  const image = page.getByRole('img', { name: 'Preview of /etc/logo.png' });
  await expect(image).toBeVisible();
  expect(await image.evaluate((img: HTMLImageElement) => img.decode().then(() => img.naturalWidth))).toBe(192);
  const file = await download(page, 'Download file', tmp());
  expect(readFileSync(file.path).equals(readFileSync('public/icon-192.png'))).toBe(true);
  await page.getByRole('tab', { name: 'Merged filesystem' }).click();
  await expect(page.getByRole('treegrid', { name: 'Merged filesystem' }).getByRole('row', { name: /busybox/ })).toBeVisible({ timeout: 30_000 });

  expect(await page.evaluate(() => window.cspViolations)).toEqual([]);
  await context.setOffline(true);
  await page.reload();
  await expect(page.getByLabel('Open image archive')).toHaveCount(1);
  await context.setOffline(false);

  expect(await page.evaluate(() => window.cspViolations)).toEqual([]);
  expect(cspConsole).toEqual([]);
  expect(requests.length).toBeGreaterThan(20);
  expect(requests.filter((url) => !url.startsWith('data:') && new URL(url).origin !== origin)).toEqual([]);

  // blob: URLs (downloads, previews) carry the page's origin, so they pass the filter above.
  // The watch itself: an inline script is exactly what the policy forbids, and both copies of it
  // (the <meta> and the header) report it.
  await page.evaluate(() => {
    const script = document.createElement('script');
    script.textContent = 'window.inlineRan = true';
    document.body.append(script);
  });
  await expect.poll(() => page.evaluate(() => window.cspViolations.map((v) => v.split(' ')[0]))).toEqual(['script-src-elem', 'script-src-elem']);
  expect(await page.evaluate(() => (window as unknown as { inlineRan?: boolean }).inlineRan)).toBeUndefined();
});
