// The engines besides Chromium, each through the same three checks (e2e/engines/checks.ts):
// Firefox (Debian's firefox-esr, puppeteer-core over WebDriver BiDi) and WebKit (Debian's
// WebKitGTK through WebKitWebDriver, under a private Xvfb). Each engine's composer archives must
// be byte-identical to Chromium's (the same flow through Playwright), its sample to Node's.
// A missing browser skips its tests locally and fails them under CI=true (requireTool).
// Screenshots of each engine go to SHOTS_DIR.

import { test, expect } from '@playwright/test';
import { mkdirSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { requireTool } from '../src/test-support/oracle.ts';
import { startLabServer, type LabServer } from '../bench/serve-lab.ts';
import { INSPECT_TOOLS, makeInspectFixtures, type InspectFixtures } from './support/inspect-fixtures.ts';
import { buildSampleInNode } from './support/node-sample.ts';
import { useTempDir } from './support/temp-dir.ts';
import { buildSampleIn, COMPOSE_TOOLS, composeBusybox, inspectVerified, shownShortfalls, zstdArchive, type Composed } from './engines/checks.ts';
import type { EngineDriver } from './engines/driver.ts';
import { launchChromium } from './engines/chromium.ts';
import { FIREFOX_PATH, launchFirefox } from './engines/firefox.ts';
import { launchWebKit, WEBKIT_TOOLS } from './engines/webkit.ts';

// `shortfalls`: what the app's browser notes must name (measured: WebKitGTK's MiniBrowser has no
// navigator.storage.getDirectory, so no OPFS; Firefox ESR has everything the app uses).
const ENGINES = [
  { name: 'firefox', tools: [FIREFOX_PATH], launch: launchFirefox, shortfalls: [] as string[] },
  { name: 'webkit', tools: WEBKIT_TOOLS, launch: launchWebKit, shortfalls: ['disk-storage'] },
];

const shotsDir = process.env.SHOTS_DIR ?? join(tmpdir(), 'layerpad-engine-shots');
const tmp = useTempDir('engines');
let fx: InspectFixtures;
let zstd: string;
let lab: LabServer;
let node: Awaited<ReturnType<typeof buildSampleInNode>>;

test.beforeAll(async () => {
  test.setTimeout(120_000);
  test.skip(![...COMPOSE_TOOLS, ...INSPECT_TOOLS].every(requireTool), 'oracle tools missing');
  mkdirSync(join(tmp(), 'fixtures'));
  fx = makeInspectFixtures(join(tmp(), 'fixtures'));
  zstd = zstdArchive(fx.layout, join(tmp(), 'fixtures', 'zstd.tar'));
  lab = await startLabServer();
  node = await buildSampleInNode();
});
test.afterAll(() => lab?.close());

// Chromium's composer result, judged by the same oracles, is the baseline; made once per test worker.
let baseline: Promise<Composed> | undefined;
const chromiumComposed = (baseURL: string) =>
  (baseline ??= (async () => {
    const driver = await launchChromium();
    try {
      return await composeBusybox(driver, baseURL, dirFor('chromium-baseline'));
    } finally {
      await driver.close();
    }
  })());

let dirCount = 0;
function dirFor(name: string): string {
  const dir = join(tmp(), `${name}-${++dirCount}`);
  mkdirSync(dir);
  return dir;
}

for (const engine of ENGINES) {
  test.describe(engine.name, () => {
    let driver: EngineDriver | undefined;
    test.beforeAll(async () => {
      test.setTimeout(60_000);
      test.skip(!engine.tools.every(requireTool), `${engine.name}: ${engine.tools.join(', ')} not installed`);
      driver = await engine.launch();
      console.log(`${engine.name}: ${driver.version}`);
    });
    test.afterAll(() => driver?.close());

    test(`notes: the app names what ${engine.name} lacks (${engine.shortfalls.join(', ') || 'nothing'})`, async ({ baseURL }) => {
      expect(await shownShortfalls(driver!, baseURL!, engine.shortfalls)).toEqual(engine.shortfalls);
      mkdirSync(shotsDir, { recursive: true });
      await driver!.screenshot(join(shotsDir, `${engine.name}-start.png`));
    });

    test('composer: busybox + motd through the UI runs under umoci + chroot, skopeo reads it, same bytes as Chromium', async ({ baseURL }) => {
      const { manifestDigest, zipSha256, tarSha256 } = await composeBusybox(driver!, baseURL!, dirFor(engine.name));
      await driver!.screenshot(join(shotsDir, `${engine.name}-composed.png`));
      const chromium = await chromiumComposed(baseURL!);
      console.log(`${engine.name}: ${manifestDigest}, zip ${zipSha256}, tar ${tarSha256}; chromium ${chromium.manifestDigest}`);
      expect({ manifestDigest, zipSha256, tarSha256 }).toEqual({ manifestDigest: chromium.manifestDigest, zipSha256: chromium.zipSha256, tarSha256: chromium.tarSha256 });
    });

    test('inspector: skopeo-made oci-archives (gzip and zstd layers) open with every blob verified', async ({ baseURL }) => {
      await inspectVerified(driver!, baseURL!, fx.ociArchive);
      await inspectVerified(driver!, baseURL!, zstd);
      await driver!.screenshot(join(shotsDir, `${engine.name}-inspected-zstd.png`));
    });

    test('determinism: the sample builds byte-identical to Node, alone and with gzip helper workers', async () => {
      const built = await buildSampleIn(driver!, lab);
      expect(built.alone).toEqual(node);
      expect(built.pooled).toEqual(node);
      expect(built.helperPieces).toBe(3);
    });
  });
}
