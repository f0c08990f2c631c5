// Screenshots of a state at 1440 and 900 px wide, light and dark, for people to look at what
// users see. Saved as <dir>/<name>-<width>-<scheme>.png.
import type { Page } from '@playwright/test';
import { mkdirSync } from 'node:fs';
import { join } from 'node:path';

export async function shotsAtWidths(page: Page, dir: string, name: string): Promise<void> {
  mkdirSync(dir, { recursive: true });
  for (const scheme of ['light', 'dark'] as const) {
    await page.emulateMedia({ colorScheme: scheme });
    for (const width of [1440, 900]) {
      await page.setViewportSize({ width, height: 900 });
      await page.screenshot({ path: join(dir, `${name}-${width}-${scheme}.png`) });
    }
  }
}
