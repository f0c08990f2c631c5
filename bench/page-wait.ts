// The moment the page shows something, checked in the page on every animation frame. The benches
// time up to that moment; Playwright's expect polls with growing pauses (up to a second between
// tries), which would add as much as a second to each time measured. Timing starts in a page
// that has settled (settled()), so the page's own start is not counted.
import type { Page } from '@playwright/test';

const LONG = 1_800_000;

/** The text of the first visible element matching `selector` whose text matches `text`, once there is one. */
export async function shownText(page: Page, selector: string, text: RegExp = /[\s\S]/, timeout = LONG): Promise<string> {
  const handle = await page.waitForFunction(
    ({ selector, source, flags }) => {
      const pattern = new RegExp(source, flags);
      for (const el of document.querySelectorAll(selector)) {
        const content = el.textContent ?? '';
        if (el.getClientRects().length > 0 && pattern.test(content)) return content;
      }
      return null;
    },
    { selector, source: text.source, flags: text.flags },
    { polling: 'raf', timeout },
  );
  return (await handle.jsonValue()) as string;
}

/** The composer's digest under `label` once the build is up to date and the digest is not `before`. */
export async function digestShown(page: Page, label: string, before?: string | null): Promise<string> {
  const handle = await page.waitForFunction(
    ({ label, before }) => {
      const upToDate = [...document.querySelectorAll('[role=status]')].some((el) => /Up to date|Empty image/.test(el.textContent ?? ''));
      const digest = document.querySelector(`[aria-label="${label}"]`)?.textContent;
      return upToDate && digest && digest !== before ? digest : null;
    },
    { label, before: before ?? null },
    { polling: 'raf', timeout: LONG },
  );
  return (await handle.jsonValue()) as string;
}

/** How long a page is left after its service worker is ready, for the rest of its start to end. */
const SETTLE_MS = 1000;

/**
 * Waits until the page has started: its service worker ready, then SETTLE_MS. Work started as
 * soon as an input exists overlaps the page's own start (the service worker's precache, workers
 * starting): in the stop that added this wait, that start added ~55 MiB to the memory growth of
 * the 1 GiB verify and 0.5-1 s to its time.
 */
export async function settled(page: Page): Promise<void> {
  await page.evaluate(() => navigator.serviceWorker?.ready);
  await page.waitForTimeout(SETTLE_MS);
}
