// WebKit for the cross-engine checks: Debian's WebKitGTK MiniBrowser driven by WebKitWebDriver
// (classic WebDriver, through selenium-webdriver). WebKitGTK has no headless mode, so it gets a
// private Xvfb display; both processes are ours and stopped by pid. Downloads land in the
// browser's home folder, which is a temp dir of the test's.
import { Builder, type WebDriver, type WebElement } from 'selenium-webdriver';
import { spawn, type ChildProcess } from 'node:child_process';
import { existsSync, mkdirSync, readdirSync, writeFileSync } from 'node:fs';
import { createServer } from 'node:net';
import { join } from 'node:path';
import { makeTempDir } from '../../src/test-support/oracle.ts';
import { listDir, takeNewDownload } from './download-dir.ts';
import { buttonNamed, labelled, type EngineDriver } from './driver.ts';

/** Debian's MiniBrowser for this machine's architecture (or WEBKIT_MINIBROWSER); '' when not installed. */
export function miniBrowserPath(): string {
  if (process.env.WEBKIT_MINIBROWSER) return process.env.WEBKIT_MINIBROWSER;
  const lib = '/usr/lib';
  const found = readdirSync(lib).map((dir) => join(lib, dir, 'webkit2gtk-4.1', 'MiniBrowser')).find((path) => existsSync(path));
  return found ?? '';
}

export const WEBKIT_TOOLS = ['WebKitWebDriver', 'Xvfb', miniBrowserPath() || 'MiniBrowser'];

/** Starts Xvfb on the first free display (it writes the number to fd 3). */
async function startXvfb(): Promise<{ display: string; process: ChildProcess }> {
  const xvfb = spawn('Xvfb', ['-displayfd', '3', '-screen', '0', '1440x900x24', '-nolisten', 'tcp'], { stdio: ['ignore', 'ignore', 'ignore', 'pipe'] });
  const display = await new Promise<string>((resolve, reject) => {
    let out = '';
    xvfb.stdio[3]!.on('data', (chunk: Buffer) => {
      out += chunk.toString();
      if (out.includes('\n')) resolve(`:${out.trim()}`);
    });
    xvfb.once('exit', (code) => reject(new Error(`Xvfb exited (${code}) before choosing a display`)));
  });
  return { display, process: xvfb };
}

async function freePort(): Promise<number> {
  const server = createServer();
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as { port: number };
  await new Promise((resolve) => server.close(resolve));
  return port;
}

async function stop(child: ChildProcess): Promise<void> {
  if (child.exitCode !== null || child.signalCode !== null) return;
  const exited = new Promise((resolve) => child.once('exit', resolve));
  child.kill('SIGTERM');
  await Promise.race([exited, new Promise((resolve) => setTimeout(resolve, 5_000))]);
  if (child.exitCode === null && child.signalCode === null) child.kill('SIGKILL');
}

export async function launchWebKit(): Promise<EngineDriver> {
  const tmp = makeTempDir('webkit');
  const home = join(tmp.path, 'home');
  mkdirSync(home);
  const xvfb = await startXvfb();
  const port = await freePort();
  const env = { ...process.env, DISPLAY: xvfb.display, HOME: home };
  const server = spawn('WebKitWebDriver', [`--port=${port}`, '--host=local'], { stdio: 'ignore', env });
  const shutDown = async () => {
    await stop(server);
    await stop(xvfb.process);
    tmp.remove();
  };
  let driver: WebDriver;
  try {
    driver = await connect(port);
  } catch (error) {
    await shutDown();
    throw error;
  }
  const element = (find: (name: string) => HTMLElement, name: string) => driver.executeScript<WebElement>(find, name);
  const capabilities = await driver.getCapabilities();
  return {
    engine: 'webkit',
    version: `WebKitGTK ${capabilities.getBrowserVersion()}`,
    async goto(url) {
      await driver.get(url);
    },
    async fill(label, value) {
      const field = await element(labelled, label);
      await driver.executeScript((el: HTMLInputElement) => (el.focus(), el.select()), field);
      await field.sendKeys(value);
    },
    async setFiles(label, paths) {
      // WebDriver's way to pick several files: their paths joined by newlines.
      await (await element(labelled, label)).sendKeys(paths.join('\n'));
    },
    async click(text) {
      await (await element(buttonNamed, text)).click();
    },
    evaluate: (fn, arg) => driver.executeScript(fn as (arg: unknown) => unknown, arg) as never,
    async download(text, dir) {
      const before = listDir(home);
      await (await element(buttonNamed, text)).click();
      return takeNewDownload(home, before, dir);
    },
    problems: () => [],
    async screenshot(path) {
      writeFileSync(path, Buffer.from(await driver.takeScreenshot(), 'base64'));
    },
    async close() {
      await driver.quit().catch(() => {});
      await shutDown();
    },
  };
}

/** The driver needs a moment to listen; retry the session until it answers. */
async function connect(port: number): Promise<WebDriver> {
  const capabilities = { browserName: 'MiniBrowser', 'webkitgtk:browserOptions': { binary: miniBrowserPath(), args: ['--automation'] } };
  const deadline = Date.now() + 20_000;
  for (;;) {
    try {
      return await new Builder().usingServer(`http://127.0.0.1:${port}`).withCapabilities(capabilities).build();
    } catch (error) {
      if (Date.now() > deadline) throw error;
      await new Promise((resolve) => setTimeout(resolve, 250));
    }
  }
}
