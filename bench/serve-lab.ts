// Starts a Vite dev server for the lab page on 127.0.0.1 and a Chromium page on it. Used by the
// benchmark and by the determinism e2e tests; the browser path and flags match playwright.config.ts.
// Other engines (e2e/engines/) open the same page from `startLabServer()`'s URL.
import { createServer, type Plugin, type ViteDevServer } from 'vite';
import { chromium, type Browser, type Page } from '@playwright/test';
import { fileURLToPath } from 'node:url';
import { chromiumArgs, chromiumPath } from '../e2e/support/chromium.ts';
import { LAB_STATE_PATH } from './browser/lab-state.ts';

export interface Lab {
  page: Page;
  close(): Promise<void>;
}

export interface LabServer {
  /** The lab page's URL; `window.layerpadLab` is the engine's API once the page has loaded. */
  url: string;
  /**
   * What the lab worker last posted about its build (phase, pieces), over plain HTTP: it still
   * reads when the browser's automation channel does not answer.
   */
  postedState(): string | undefined;
  close(): Promise<void>;
}

export async function startLabServer(): Promise<LabServer> {
  const root = fileURLToPath(new URL('..', import.meta.url));
  let posted: string | undefined;
  const stateInbox: Plugin = {
    name: 'lab-state-inbox',
    configureServer(server) {
      server.middlewares.use(LAB_STATE_PATH, (req, res) => {
        let body = '';
        req.on('data', (chunk: Buffer) => (body = (body + chunk.toString()).slice(0, 4096)));
        req.on('end', () => {
          // Posts may arrive out of order over several connections: the latest step wins.
          const seq = (text: string | undefined) => {
            try {
              return Number(JSON.parse(text ?? '').seq) || 0;
            } catch {
              return 0;
            }
          };
          if (req.method === 'POST' && seq(body) > seq(posted)) posted = body;
          res.statusCode = req.method === 'POST' ? 204 : 405;
          res.end();
        });
      });
    },
  };
  const server: ViteDevServer = await createServer({
    root,
    logLevel: 'error',
    plugins: [stateInbox],
    // No file watching or reloads: other edits to the checkout must not reload a measuring page.
    server: { host: '127.0.0.1', port: 0, strictPort: false, hmr: false, watch: null },
  });
  await server.listen();
  const address = server.httpServer?.address();
  if (!address || typeof address === 'string') throw new Error('lab server has no TCP address');
  return { url: `http://127.0.0.1:${address.port}/bench/browser/index.html`, postedState: () => posted, close: () => server.close() };
}

export async function openLab(): Promise<Lab> {
  const server = await startLabServer();
  const browser: Browser = await chromium.launch({ executablePath: chromiumPath() || undefined, args: chromiumArgs });
  const page = await browser.newPage();
  await page.goto(server.url);
  await page.waitForFunction(() => 'layerpadLab' in window);
  return {
    page,
    async close() {
      await browser.close();
      await server.close();
    },
  };
}
