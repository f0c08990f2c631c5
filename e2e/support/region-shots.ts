// Screenshots of one region at 1440 and 900 px wide, light and dark, for people to look at what
// users see: <dir>/<name>-<width>-<scheme>.png, the region scrolled into view and cut out.
import type { Locator, Page } from '@playwright/test';
import { mkdirSync } from 'node:fs';
import { join } from 'node:path';

export async function regionShots(page: Page, region: Locator, dir: string, name: string): Promise<void> {
  mkdirSync(dir, { recursive: true });
  for (const scheme of ['light', 'dark'] as const) {
    await page.emulateMedia({ colorScheme: scheme });
    for (const width of [1440, 900]) {
      await page.setViewportSize({ width, height: 900 });
      await region.scrollIntoViewIfNeeded();
      await region.screenshot({ path: join(dir, `${name}-${width}-${scheme}.png`) });
    }
  }
  await page.setViewportSize({ width: 1440, height: 900 });
  await page.emulateMedia({ colorScheme: 'light' });
}
