// The same image description built in Node and in Chromium (in a module worker, as the app does)
// must give byte-identical OCI zip and image tar archives. Checksums: node:crypto here, WebCrypto
// in the browser, so neither side relies on the engine's own hashing.
// Firefox and WebKit build the same sample in e2e/engines.spec.ts.
import { test, expect } from '@playwright/test';
import type { LabApi } from '../bench/browser/lab.worker.ts';
import { useLab } from './support/lab.ts';
import { buildMultiSampleInNode, buildSampleInNode as buildInNode } from './support/node-sample.ts';

const lab = useLab();

test('Node and Chromium build byte-identical archives from the same description', async () => {
  const first = await buildInNode();
  const second = await buildInNode();
  expect(second).toEqual(first);

  const browser = await lab().page.evaluate(() =>
    (window as unknown as { layerpadLab: LabApi }).layerpadLab.buildSample(),
  );
  expect(browser.archives).toEqual(first);
  expect(first.zip.size).toBeGreaterThan(1024 * 1024);
});

test('Chromium with a pool of gzip helper workers builds the same archives as one Node thread', async () => {
  const node = await buildInNode();
  const pooled = await lab().page.evaluate(() =>
    (window as unknown as { layerpadLab: LabApi }).layerpadLab.buildSample(2),
  );
  // The 6 MiB mixed layer is two pieces and the small layer one: all three went to helpers.
  expect(pooled.helperPieces).toBe(3);
  expect(pooled.archives).toEqual(node);
});

test('a two-platform index (one shared layer, one layer each) is byte-identical in Node and Chromium', async () => {
  const node = await buildMultiSampleInNode();
  const browser = await lab().page.evaluate(() => (window as unknown as { layerpadLab: LabApi }).layerpadLab.buildMultiSample());
  expect(browser).toEqual(node);
  expect(node.indexDigest).toMatch(/^sha256:[0-9a-f]{64}$/);
});
