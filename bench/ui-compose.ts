// The composer's row of `npm run bench`: a folder added through the built app's "Add folder"
// input, timed until the manifest digest is stable (the person's wait), with the page's long
// tasks recorded the whole time; then the output switched to zstd and timed again (the layer
// is built anew as zstd). Reads the layer's size from the result panel.
import type { Browser, Page } from '@playwright/test';
import { longTasks, observeLongTasks, resetLongTasks } from '../e2e/support/long-tasks.ts';
import { digestShown } from './page-wait.ts';

export interface ComposeRun {
  seconds: number;
  /** Compressed size of the built layer, as the result panel shows it. */
  layerBytes: number;
  digest: string;
  worstLongTaskMs: number;
}

async function measured(page: Page, before: string, act: () => Promise<void>): Promise<ComposeRun> {
  await resetLongTasks(page);
  const start = performance.now();
  await act();
  const digest = await digestShown(page, 'Manifest digest', before);
  const seconds = (performance.now() - start) / 1000;
  const title = await page.locator('.built-layer .byte-size').first().getAttribute('title');
  const layerBytes = Number((title ?? '').replace(/\D/g, ''));
  return { seconds, layerBytes, digest, worstLongTaskMs: Math.max(0, ...(await longTasks(page))) };
}

/** Adds `folder` in a fresh page (gzip, the default), then switches the output to zstd. */
export async function composeFolder(browser: Browser, url: string, folder: string): Promise<{ gzip: ComposeRun; zstd: ComposeRun }> {
  const context = await browser.newContext();
  try {
    const page = await context.newPage();
    await observeLongTasks(page);
    await page.goto(url);
    const empty = await digestShown(page, 'Manifest digest');
    const gzip = await measured(page, empty, () => page.getByLabel('Add folder').setInputFiles(folder));
    const zstd = await measured(page, gzip.digest, async () => {
      await page.getByLabel('Layer compression').selectOption('zstd');
    });
    return { gzip, zstd };
  } finally {
    await context.close();
  }
}
