// The inspector's rows of `npm run bench`, through the built app: an archive opened with the file
// input, timed until every blob is verified, with the page's long tasks and the growth of
// Chromium's memory (all its processes); and a layer of many entries opened until its `tar -tv`
// list shows, then the merged tree.
import { execFileSync } from 'node:child_process';
import { expect, type Browser, type BrowserContext, type Page } from '@playwright/test';
import { longTasks, observeLongTasks, resetLongTasks } from '../e2e/support/long-tasks.ts';
import { settled, shownText } from './page-wait.ts';

/** Resident memory of this process's Chromium processes (browser, renderers, GPU, utilities), in bytes. */
export function chromiumRss(): number {
  const rows = execFileSync('ps', ['-e', '-o', 'pid=,ppid=,rss=,comm=']).toString().trim().split('\n');
  const procs = rows.map((r) => r.trim().split(/\s+/)).map(([pid, ppid, rss, comm]) => ({ pid: Number(pid), ppid: Number(ppid), rss: Number(rss), comm }));
  const ours = new Set([process.pid]);
  for (let grew = true; grew; ) {
    grew = false;
    for (const p of procs) if (!ours.has(p.pid) && ours.has(p.ppid)) (ours.add(p.pid), (grew = true));
  }
  return procs.filter((p) => ours.has(p.pid) && /chrom/i.test(p.comm)).reduce((n, p) => n + p.rss * 1024, 0);
}

export interface VerifyRun {
  seconds: number;
  structureMs: number;
  /** Growth of Chromium's resident memory from before the pick to the end of verification. */
  rssGrowth: number;
  worstLongTaskMs: number;
}

/** A new page of the inspector in `context`, settled, its long tasks recorded from then on. */
async function freshInspector(context: BrowserContext, url: string): Promise<Page> {
  const page = await context.newPage();
  await observeLongTasks(page);
  await page.goto(`${url}/#inspect`);
  await expect(page.getByLabel('Open image archive')).toBeAttached();
  await settled(page);
  await resetLongTasks(page);
  return page;
}

/** Opens `archive` in a fresh page of the inspector; resolves once every blob is verified. */
export async function verifyArchive(browser: Browser, url: string, archive: string): Promise<VerifyRun> {
  const context = await browser.newContext();
  try {
    const page = await freshInspector(context, url);
    const rssBefore = chromiumRss();
    let rssPeak = rssBefore;
    const sampler = setInterval(() => (rssPeak = Math.max(rssPeak, chromiumRss())), 250);
    try {
      const start = performance.now();
      await page.getByLabel('Open image archive').setInputFiles(archive);
      await shownText(page, 'section[aria-label="Opened archive"]');
      const structureMs = performance.now() - start;
      await shownText(page, '[aria-label="Verification result"]', /\d+ verified/);
      const seconds = (performance.now() - start) / 1000;
      await expect(page.getByRole('status', { name: 'Verification result' })).not.toContainText(/mismatch|missing|unverified/);
      return { seconds, structureMs, rssGrowth: rssPeak - rssBefore, worstLongTaskMs: Math.max(0, ...(await longTasks(page))) };
    } finally {
      clearInterval(sampler);
    }
  } finally {
    await context.close();
  }
}

export interface ListingRun {
  /** Pick until the layer's first rows show (after the archive is verified). */
  listMs: number;
  /** Merged-filesystem tab click until its first folder shows. */
  treeMs: number;
  rows: number;
  worstLongTaskMs: number;
}

/** Opens an archive whose first layer holds `entries` entries; times its list and the merged tree. */
export async function listManyEntries(browser: Browser, url: string, archive: string, entries: number): Promise<ListingRun> {
  const context = await browser.newContext();
  try {
    const page = await freshInspector(context, url);
    const start = performance.now();
    await page.getByLabel('Open image archive').setInputFiles(archive);
    await page.getByRole('tab', { name: 'Layers' }).click();
    const table = page.getByRole('table', { name: 'Files in layer L1' });
    await shownText(page, '[aria-label="Files in layer L1"] .tv-path');
    const listMs = performance.now() - start;
    await expect(table).toHaveAttribute('aria-rowcount', String(entries));
    const clicked = performance.now();
    await page.getByRole('tab', { name: 'Merged filesystem' }).click();
    await shownText(page, '[role=treegrid][aria-label="Merged filesystem"] [role=row]');
    const treeMs = performance.now() - clicked;
    return { listMs, treeMs, rows: entries, worstLongTaskMs: Math.max(0, ...(await longTasks(page))) };
  } finally {
    await context.close();
  }
}
