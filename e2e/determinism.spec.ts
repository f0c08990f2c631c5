// The same image description built in Node and in Chromium (in a module worker, as the app does)
// must give byte-identical OCI zip and image tar archives. Checksums: node:crypto here, WebCrypto
// in the browser, so neither side relies on the engine's own hashing.
import { test, expect } from '@playwright/test';
import { createHash } from 'node:crypto';
import { buildImage } from '../src/core/build/image.ts';
import { writeOciLayoutZip } from '../src/core/formats/oci-zip/write.ts';
import { writeImageTar } from '../src/core/formats/image-tar/write.ts';
import { sampleImageSpec } from '../bench/sample-image.ts';
import type { LabApi } from '../bench/browser/lab.worker.ts';
import { useLab } from './support/lab.ts';

async function sha256Hex(blob: Blob): Promise<string> {
  return createHash('sha256').update(new Uint8Array(await blob.arrayBuffer())).digest('hex');
}

async function buildInNode() {
  const image = await buildImage(sampleImageSpec());
  const zip = await writeOciLayoutZip(image);
  const tar = await writeImageTar(image);
  return {
    manifestDigest: image.images[0].manifest.descriptor.digest as string,
    zip: { size: zip.size, sha256: await sha256Hex(zip) },
    tar: { size: tar.size, sha256: await sha256Hex(tar) },
  };
}

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
