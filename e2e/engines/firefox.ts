// Firefox for the cross-engine checks: Debian's firefox-esr, headless, driven by puppeteer-core
// over WebDriver BiDi (Playwright can only drive its own patched Firefox builds). Downloads go to
// a folder of the test's through BiDi's browser.setDownloadBehavior.
import puppeteer, { type ElementHandle } from 'puppeteer-core';
import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import { makeTempDir } from '../../src/test-support/oracle.ts';
import { takeNewDownload, listDir } from './download-dir.ts';
import { buttonNamed, labelled, type EngineDriver } from './driver.ts';

export const FIREFOX_PATH = process.env.FIREFOX_PATH ?? '/usr/bin/firefox-esr';

export async function launchFirefox(): Promise<EngineDriver> {
  const tmp = makeTempDir('firefox');
  const downloads = join(tmp.path, 'downloads');
  mkdirSync(downloads);
  const browser = await puppeteer.launch({ browser: 'firefox', executablePath: FIREFOX_PATH, headless: true });
  try {
    const context = await browser.createBrowserContext({ downloadBehavior: { policy: 'allow', downloadPath: downloads } });
    const page = await context.newPage();
    await page.setViewport({ width: 1440, height: 900 });
    const problems: string[] = [];
    page.on('pageerror', (error) => problems.push(String(error)));
    page.on('console', (message) => message.type() === 'error' && problems.push(message.text()));
    const element = async (find: (name: string) => HTMLElement, name: string) => (await page.evaluateHandle(find, name)) as ElementHandle<HTMLElement>;
    return {
      engine: 'firefox',
      version: await browser.version(),
      async goto(url) {
        await page.goto(url);
      },
      async fill(label, value) {
        const field = await element(labelled, label);
        await field.evaluate((el) => (el.focus(), (el as HTMLInputElement).select()));
        await field.type(value);
      },
      async setFiles(label, paths) {
        await ((await element(labelled, label)) as ElementHandle<HTMLInputElement>).uploadFile(...paths);
      },
      async click(text) {
        await (await element(buttonNamed, text)).click();
      },
      evaluate: (fn, arg) => page.evaluate(fn as (arg: unknown) => unknown, arg) as never,
      async download(text, dir) {
        const before = listDir(downloads);
        await (await element(buttonNamed, text)).click();
        return takeNewDownload(downloads, before, dir);
      },
      problems: () => problems,
      async screenshot(path) {
        await page.screenshot({ path: path as `${string}.png` });
      },
      async close() {
        await browser.close();
        tmp.remove();
      },
    };
  } catch (error) {
    await browser.close();
    tmp.remove();
    throw error;
  }
}
