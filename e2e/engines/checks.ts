// The three checks every engine must pass, written once against EngineDriver:
// - compose busybox + motd through the UI, download both archives, judge them with umoci + chroot
//   and skopeo (the same contract as compose.spec.ts; files go in with "Add files" because
//   WebDriver cannot pick folders in Firefox or WebKit);
// - open skopeo-made oci-archives (gzip and zstd layers) in the inspector, every blob verified;
// - build the determinism sample on the lab page, on the engine worker alone and with two gzip
//   helper workers.
import { createHash } from 'node:crypto';
import { copyFileSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { expect } from '@playwright/test';
import { runTool } from '../../src/test-support/oracle.ts';
import { bundleProcess, runBundle } from '../../src/test-support/run-bundle.ts';
import type { LabApi } from '../../bench/browser/lab.worker.ts';
import type { LabServer } from '../../bench/serve-lab.ts';
import { skopeo, rawManifest } from '../support/inspect-fixtures.ts';
import { waitInPage, withDeadline, type EngineDriver } from './driver.ts';

export const COMPOSE_TOOLS = ['umoci', 'skopeo', 'chroot', 'unzip', 'mount', 'busybox'];
const MOTD = 'Hello from a Layerpad image\n';

const sha256 = (path: string) => createHash('sha256').update(readFileSync(path)).digest('hex');

export interface Composed {
  manifestDigest: string;
  zipSha256: string;
  tarSha256: string;
  /** Where the image tar was saved, for oracles beyond these (docker load). */
  tarPath: string;
}

export async function composeBusybox(driver: EngineDriver, baseURL: string, dir: string): Promise<Composed> {
  const src = join(dir, 'src');
  mkdirSync(src);
  copyFileSync('/bin/busybox', join(src, 'busybox'));
  writeFileSync(join(src, 'motd'), MOTD);

  await driver.goto(`${baseURL}/`);
  await waitInPage(driver, 'the composer', () => !!document.querySelector('input[aria-label="Add files"]'), null);
  await driver.fill('Image name', 'app:1.0');
  await driver.setFiles('Add files', [join(src, 'busybox'), join(src, 'motd')]);
  // Tree rows read like "busybox+added-rwxr-xr-x1.89 MiB".
  const rows = await waitInPage(driver, 'busybox and motd in the tree', () => {
    const texts = [...document.querySelectorAll('[role="row"]')].map((row) => row.textContent ?? '');
    return texts.some((t) => t.startsWith('busybox')) && texts.some((t) => t.startsWith('motd')) && texts;
  }, null);
  expect(rows.find((t) => t.startsWith('busybox'))).toContain('-rwxr-xr-x');
  expect(rows.find((t) => t.startsWith('motd'))).toContain('-rw-r--r--');

  await driver.fill('Entrypoint', '["/busybox","sh","-c"]');
  await driver.fill('Cmd', '["cat /motd; echo $GREETING"]');
  await driver.fill('Environment', 'GREETING=hi');
  const manifestDigest = await waitInPage(driver, 'a build of the filled-in config', () => {
    const config = document.querySelector('[aria-label="Config JSON"]')?.textContent ?? '';
    const upToDate = [...document.querySelectorAll('[role="status"]')].some((s) => s.textContent === 'Up to date');
    const digest = document.querySelector('[aria-label="Manifest digest"]')?.textContent ?? '';
    return config.includes('GREETING=hi') && upToDate && /^sha256:[0-9a-f]{64}$/.test(digest) && digest;
  }, null, 120_000);

  const zip = await driver.download('Download OCI layout (.zip)', dir);
  const tar = await driver.download('Download image tar', dir);
  expect(zip.name).toBe('app-1.0.oci.zip');
  expect(tar.name).toBe('app-1.0.tar');

  const layout = join(dir, 'layout');
  runTool('unzip', ['-q', zip.path, '-d', layout]);
  const index = JSON.parse(readFileSync(join(layout, 'index.json'), 'utf8'));
  expect(index.manifests[0].digest).toBe(manifestDigest);
  const tag: string = index.manifests[0].annotations['org.opencontainers.image.ref.name'];
  const bundle = join(dir, 'bundle');
  runTool('umoci', ['unpack', '--rootless', '--image', `${layout}:${tag}`, bundle]);
  expect(bundleProcess(bundle).args).toEqual(['/busybox', 'sh', '-c', 'cat /motd; echo $GREETING']);
  expect(runBundle(bundle)).toBe(`${MOTD}hi\n`);
  const inspected = JSON.parse(skopeo('inspect', `oci-archive:${tar.path}`));
  expect(inspected.Env).toContain('GREETING=hi');
  skopeo('copy', `docker-archive:${tar.path}`, `oci:${join(dir, 'from-docker')}:x`);
  return { manifestDigest, zipSha256: sha256(zip.path), tarSha256: sha256(tar.path), tarPath: tar.path };
}

/** Opens `archive` in the inspector and waits until its manifest, config and every layer say "verified". */
export async function inspectVerified(driver: EngineDriver, baseURL: string, archive: string): Promise<void> {
  const ref = `oci-archive:${archive}`;
  const raw = rawManifest(ref);
  const { Digest: manifest } = JSON.parse(skopeo('inspect', ref)) as { Digest: string };
  const digests = [manifest, raw.config.digest, ...raw.layers.map((l) => l.digest)];

  await driver.goto(`${baseURL}/#inspect`);
  await waitInPage(driver, 'the inspector', () => !!document.querySelector('input[aria-label="Open image archive"]'), null);
  await driver.setFiles('Open image archive', [archive]);
  const statuses = await waitInPage(driver, `every blob of ${archive} verified`, (wanted: string[]) => {
    const status = (d: string) => document.querySelector(`#blob-${d.slice('sha256:'.length)} .blob-head .verify-text`)?.textContent ?? 'absent';
    const all = wanted.map(status);
    return all.every((s) => s === 'verified') && all;
  }, digests, 120_000);
  expect(statuses).toEqual(digests.map(() => 'verified'));
  const summary = await driver.evaluate(() => document.querySelector('[role="status"][aria-label="Verification result"]')?.textContent ?? '', null);
  expect(summary).toContain(`${digests.length} verified`);
  expect(summary).not.toContain('mismatch');
}

/** The shortfalls the app's browser notes name (capabilities.ts), once its probe has had time to answer. */
export async function shownShortfalls(driver: EngineDriver, baseURL: string, expected: string[]): Promise<string[]> {
  await driver.goto(`${baseURL}/`);
  const count = (n: number) => document.querySelectorAll('[data-shortfall]').length >= n;
  if (expected.length) await waitInPage(driver, `the notes ${expected.join(', ')}`, count, expected.length, 20_000);
  else await new Promise((resolve) => setTimeout(resolve, 2_000));
  return driver.evaluate(() => [...document.querySelectorAll('[data-shortfall]')].map((el) => el.getAttribute('data-shortfall')!), null);
}

/** A zstd copy of an OCI layout as an oci-archive, made by skopeo. */
export function zstdArchive(layout: string, path: string): string {
  skopeo('copy', '--dest-compress-format', 'zstd', `oci:${layout}:t`, `oci-archive:${path}`);
  expect(rawManifest(`oci-archive:${path}`).layers.every((l) => l.mediaType.endsWith('+zstd'))).toBe(true);
  return path;
}

export type SampleArchives = Awaited<ReturnType<LabApi['buildSample']>>['archives'];

/** The determinism sample built on the lab page: by the engine worker alone, then with two gzip helpers. */
export async function buildSampleIn(driver: EngineDriver, lab: LabServer): Promise<{ alone: SampleArchives; pooled: SampleArchives; helperPieces: number }> {
  await driver.goto(lab.url);
  await waitInPage(driver, 'the lab page', () => 'layerpadLab' in window, null);
  // The sample builds in a few seconds; a hang must end with what the page said, not the test's timeout.
  const build = (helpers: number) =>
    withDeadline(driver, `buildSample(${helpers}) on the lab page`, 60_000,
      driver.evaluate((n: number) => (window as unknown as { layerpadLab: LabApi }).layerpadLab.buildSample(n), helpers),
      async () => ({
        // Over HTTP: still there when the automation channel (or the page) does not answer.
        postedByTheLabWorker: lab.postedState() ?? 'nothing posted',
        // The page's own thread, then the lab worker through it: which of the two is stuck.
        pageThread: await Promise.race([
          driver.evaluate(() => `answers at ${Math.round(performance.now())} ms`, null),
          new Promise((resolve) => setTimeout(() => resolve('no answer within 3 s'), 3000)),
        ]),
        labWorker: await Promise.race([
          driver.evaluate(() => (window as unknown as { layerpadLab: LabApi }).layerpadLab.sampleState(), null),
          new Promise((resolve) => setTimeout(() => resolve('no answer within 3 s'), 3000)),
        ]),
      }));
  const alone = await build(0);
  const pooled = await build(2);
  return { alone: alone.archives, pooled: pooled.archives, helperPieces: pooled.helperPieces };
}
