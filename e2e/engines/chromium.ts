// Chromium for the cross-engine checks, through Playwright like the rest of the suite: the
// baseline the other engines' archives are compared with.
import { chromium } from '@playwright/test';
import { join } from 'node:path';
import { chromiumArgs, chromiumPath } from '../support/chromium.ts';
import { buttonNamed, labelled, type EngineDriver } from './driver.ts';

export async function launchChromium(): Promise<EngineDriver> {
  const browser = await chromium.launch({ executablePath: chromiumPath() || undefined, args: chromiumArgs });
  const context = await browser.newContext({ acceptDownloads: true, viewport: { width: 1440, height: 900 } });
  const page = await context.newPage();
  const problems: string[] = [];
  page.on('pageerror', (error) => problems.push(String(error)));
  context.on('console', (message) => message.type() === 'error' && problems.push(message.text()));
  const element = async (find: (name: string) => HTMLElement, name: string) => (await page.evaluateHandle(find, name)).asElement()!;
  return {
    engine: 'chromium',
    version: `Chromium ${browser.version()}`,
    async goto(url) {
      await page.goto(url);
    },
    async fill(label, value) {
      await (await element(labelled, label)).fill(value);
    },
    async setFiles(label, paths) {
      await (await element(labelled, label)).setInputFiles(paths);
    },
    async click(text) {
      await (await element(buttonNamed, text)).click();
    },
    evaluate: (fn, arg) => page.evaluate(fn as (arg: unknown) => unknown, arg) as never,
    async download(text, dir) {
      const [file] = await Promise.all([page.waitForEvent('download'), (await element(buttonNamed, text)).click()]);
      const path = join(dir, file.suggestedFilename());
      await file.saveAs(path);
      return { path, name: file.suggestedFilename() };
    },
    problems: () => problems,
    async screenshot(path) {
      await page.screenshot({ path });
    },
    close: () => browser.close(),
  };
}
