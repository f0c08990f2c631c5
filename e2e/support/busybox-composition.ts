// The composer's busybox image, made through its own controls (the same steps as compose.spec):
// /bin/busybox, /etc/motd, Entrypoint + Cmd that print the motd and $GREETING. `extra` adds a
// file of that many random bytes under /srv, for uploads that need more than one chunk.

import { expect, type Page } from '@playwright/test';
import { randomBytes } from 'node:crypto';
import { copyFileSync, mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { waitForBuild } from './composer.ts';

export const COMPOSED_MOTD = 'Hello from a pushed Layerpad image\n';
export const COMPOSED_OUTPUT = `${COMPOSED_MOTD}hi\n`;

/** Builds the image in the composer; returns its manifest digest. */
export async function composeBusybox(page: Page, dir: string, opts: { extraBytes?: number } = {}): Promise<string> {
  const src = join(dir, 'compose-src');
  mkdirSync(join(src, 'bin'), { recursive: true });
  mkdirSync(join(src, 'etc'), { recursive: true });
  copyFileSync('/bin/busybox', join(src, 'bin', 'busybox'));
  writeFileSync(join(src, 'etc', 'motd'), COMPOSED_MOTD);
  await page.goto('/');
  await page.getByLabel('Image name').fill('app:1.0');
  await page.getByLabel('Add folder').setInputFiles(join(src, 'bin'));
  await expect(page.getByRole('row', { name: /busybox/ })).toBeVisible();
  await page.getByLabel('Add folder').setInputFiles(join(src, 'etc'));
  await expect(page.getByRole('row', { name: /motd/ })).toBeVisible();
  if (opts.extraBytes) {
    mkdirSync(join(src, 'srv'), { recursive: true });
    writeFileSync(join(src, 'srv', 'noise.bin'), randomBytes(opts.extraBytes));
    await page.getByLabel('Add folder').setInputFiles(join(src, 'srv'));
    await expect(page.getByRole('row', { name: /noise\.bin/ })).toBeVisible();
  }
  await page.getByLabel('Entrypoint').fill('["/bin/busybox","sh","-c"]');
  await page.getByLabel('Cmd').fill('["cat /etc/motd; echo $GREETING"]');
  await page.getByLabel('Environment').fill('GREETING=hi');
  await expect(page.getByLabel('Config JSON')).toContainText('GREETING=hi', { timeout: 60_000 });
  return waitForBuild(page, 120_000);
}
