// Helpers for composer e2e specs: watching requests, waiting for a fresh build, downloading.

import { expect, type Page } from '@playwright/test';
import { createHash } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';

/** Records every request the page makes; `foreign()` lists those leaving the page's origin. */
export function recordRequests(page: Page, origin: string) {
  const urls: string[] = [];
  page.on('request', (request) => urls.push(request.url()));
  return {
    urls,
    foreign: () =>
      urls.filter((url) => {
        if (url.startsWith('data:')) return false;
        return new URL(url).origin !== origin;
      }),
  };
}

/** Waits until the worker has built the current composition (an empty one says so instead of "Up to date"). */
export async function waitForBuild(page: Page, timeout = 60_000): Promise<string> {
  await expect(page.getByRole('status').filter({ hasText: /Up to date|Empty image/ })).toBeVisible({ timeout });
  const digest = page.getByLabel('Manifest digest');
  await expect(digest).toHaveText(/^sha256:[0-9a-f]{64}$/);
  return (await digest.textContent())!;
}

export async function waitForSaved(page: Page, timeout = 60_000): Promise<void> {
  await expect(page.getByLabel('Save state')).toHaveText('Saved in this browser', { timeout });
}

/** Clicks a download button and saves the file under `dir`; returns its path and SHA-256. */
export async function download(page: Page, button: string, dir: string): Promise<{ path: string; name: string; sha256: string }> {
  const [file] = await Promise.all([page.waitForEvent('download'), page.getByRole('button', { name: button }).click()]);
  const name = file.suggestedFilename();
  const path = join(dir, name);
  await file.saveAs(path);
  return { path, name, sha256: createHash('sha256').update(readFileSync(path)).digest('hex') };
}
