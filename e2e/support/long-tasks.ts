// Records the page's long tasks (main-thread work over 50 ms) with a PerformanceObserver, so a
// test can report the worst one while the app does heavy work in its workers.
import type { Page } from '@playwright/test';

declare global {
  interface Window {
    __longTasks: number[];
  }
}

/** Call before page.goto: installs the observer in every document the page loads. */
export async function observeLongTasks(page: Page): Promise<void> {
  await page.addInitScript(() => {
    window.__longTasks = [];
    new PerformanceObserver((list) => {
      for (const entry of list.getEntries()) window.__longTasks.push(entry.duration);
    }).observe({ type: 'longtask', buffered: true });
  });
}

/** Forgets what was recorded so far (e.g. the app's start-up). */
export async function resetLongTasks(page: Page): Promise<void> {
  await page.evaluate(() => (window.__longTasks = []));
}

/** Durations recorded since the last reset, in ms. */
export async function longTasks(page: Page): Promise<number[]> {
  return page.evaluate(() => window.__longTasks);
}
