// End-to-end tests drive the built app in a real Chromium (see e2e/support/chromium.ts for which).
import { defineConfig } from '@playwright/test';
import { chromiumArgs, chromiumPath } from './e2e/support/chromium.ts';

const port = Number(process.env.E2E_PORT ?? 4173);

export default defineConfig({
  testDir: 'e2e',
  timeout: 180_000,
  workers: 1,
  reporter: [['list']],
  use: {
    baseURL: `http://127.0.0.1:${port}`,
    acceptDownloads: true,
    // An action that cannot happen (a hidden control, a label that changed) fails within a minute
    // instead of hanging until the test's own timeout.
    actionTimeout: 60_000,
    launchOptions: {
      executablePath: chromiumPath() || undefined,
      args: chromiumArgs,
    },
  },
  webServer: {
    command: `npx vite build && npx vite preview --host 127.0.0.1 --port ${port} --strictPort`,
    url: `http://127.0.0.1:${port}`,
    reuseExistingServer: !process.env.CI,
    timeout: 120_000,
  },
});
