// The registry benchmark (`npm run bench:registry`, and the end of `npm run bench` when
// docker-registry and skopeo are installed; BENCH_PARTS without registry leaves it out): docker-registry on
// 127.0.0.1 with CORS headers for the built app, served on another port, in headless Chromium.
// Pull: ~1 GiB of the benchmarks' mixed content in four layers (gzip, put there by skopeo), from
// Pull to every blob verified (pulled, hashed, unpacked, diff_ids checked, files listed), beside
// `skopeo copy docker://… dir:` (pulls and checks blob digests), and that plus `gzip -dc | sha256sum`
// of each layer (the diff_ids, which skopeo does not check). Push: a ~256 MiB gzip layer, from
// Push to the pushed digest, beside `skopeo copy oci:… docker://…`, each to a registry that has
// none of it. BENCH_PULL_MIB and BENCH_PUSH_MIB set the sizes.
import { execFileSync } from 'node:child_process';
import { createHash } from 'node:crypto';
import { mkdirSync, statSync, writeFileSync } from 'node:fs';
import { availableParallelism, loadavg } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { chromium, expect, type Page } from '@playwright/test';
import { chromiumArgs, chromiumPath } from '../e2e/support/chromium.ts';
import { makeTempDir } from '../src/test-support/oracle.ts';
import { startRegistry, type RunningRegistry } from '../src/test-support/registry.ts';
import { writeMixedTree } from './mixed-tree.ts';
import { serveApp } from './serve-app.ts';
import { settled, shownText } from './page-wait.ts';

const MiB = 1024 * 1024;
const skopeo = (...args: string[]) => execFileSync('skopeo', ['--insecure-policy', ...args], { stdio: ['ignore', 'ignore', 'pipe'] });

function seconds(work: () => unknown): number {
  const start = performance.now();
  work();
  return (performance.now() - start) / 1000;
}

/** An OCI layout of uncompressed layers, one per `trees` directory, tagged `bench`. */
function layoutOf(dir: string, trees: string[]): string {
  const layout = join(dir, 'layout');
  mkdirSync(join(layout, 'blobs', 'sha256'), { recursive: true });
  const blob = (path: string) => {
    const hex = execFileSync('sha256sum', [path]).toString().split(' ')[0];
    execFileSync('mv', [path, join(layout, 'blobs', 'sha256', hex)]);
    return { digest: `sha256:${hex}`, size: statSync(join(layout, 'blobs', 'sha256', hex)).size };
  };
  const json = (value: unknown) => {
    const bytes = Buffer.from(JSON.stringify(value));
    const hex = createHash('sha256').update(bytes).digest('hex');
    writeFileSync(join(layout, 'blobs', 'sha256', hex), bytes);
    return { digest: `sha256:${hex}`, size: bytes.length };
  };
  const layers = trees.map((tree, i) => {
    const tar = join(dir, `layer-${i}.tar`);
    execFileSync('tar', ['-C', tree, '--sort=name', '--mtime=@0', '--owner=0', '--group=0', '-cf', tar, '.']);
    execFileSync('rm', ['-rf', tree]);
    return { mediaType: 'application/vnd.oci.image.layer.v1.tar', ...blob(tar) };
  });
  const config = json({ architecture: 'amd64', os: 'linux', config: {}, rootfs: { type: 'layers', diff_ids: layers.map((l) => l.digest) } });
  const manifest = json({ schemaVersion: 2, mediaType: 'application/vnd.oci.image.manifest.v1+json', config: { mediaType: 'application/vnd.oci.image.config.v1+json', ...config }, layers });
  writeFileSync(join(layout, 'oci-layout'), '{"imageLayoutVersion":"1.0.0"}');
  writeFileSync(join(layout, 'index.json'), JSON.stringify({ schemaVersion: 2, manifests: [{ mediaType: 'application/vnd.oci.image.manifest.v1+json', ...manifest, annotations: { 'org.opencontainers.image.ref.name': 'bench' } }] }));
  return layout;
}

async function mixedImage(dir: string, totalMiB: number, layers: number, seed: number): Promise<string> {
  const trees: string[] = [];
  for (let i = 0; i < layers; i++) {
    const tree = join(dir, `tree-${i}`);
    mkdirSync(tree, { recursive: true });
    await writeMixedTree(tree, Math.round((totalMiB * MiB) / layers), seed + i);
    trees.push(tree);
  }
  return layoutOf(dir, trees);
}

async function pullInApp(page: Page, app: string, reference: string, blobs: number): Promise<number> {
  await page.goto(`${app}/#inspect`);
  await settled(page);
  await page.getByLabel('Image reference').fill(reference);
  const start = performance.now();
  await page.getByRole('button', { name: 'Pull', exact: true }).click();
  await shownText(page, '[aria-label="Verification result"]', new RegExp(`\\b${blobs} verified`));
  const elapsed = (performance.now() - start) / 1000;
  await expect(page.getByRole('status', { name: 'Verification result' })).not.toContainText(/mismatch|missing|unverified/);
  return elapsed;
}

export async function registryBench(pullMiB = Number(process.env.BENCH_PULL_MIB ?? 1024), pushMiB = Number(process.env.BENCH_PUSH_MIB ?? 256)): Promise<void> {
  const tmp = makeTempDir('bench-registry');
  const started: { stop(): Promise<void> }[] = [];
  try {
    const load = () => loadavg().map((l) => l.toFixed(2)).join(' ');
    console.log(`\nLayerpad registry bench: pull ${pullMiB} MiB in 4 layers, push ${pushMiB} MiB in 1 layer; ${availableParallelism()} cores, load average ${load()}`);
    const app = await serveApp(tmp.path);
    started.push({ stop: app.close });
    const keep = (registry: RunningRegistry) => (started.push(registry), registry);
    const source = keep(await startRegistry({ corsOrigin: app.url }));
    const pushTargets = [keep(await startRegistry({ corsOrigin: app.url })), keep(await startRegistry({ corsOrigin: app.url }))];

    const pullDir = join(tmp.path, 'pull');
    mkdirSync(pullDir);
    skopeo('copy', '--dest-tls-verify=false', `oci:${await mixedImage(pullDir, pullMiB, 4, 11)}:bench`, `docker://${source.host}/bench/pull:1`);
    execFileSync('rm', ['-rf', pullDir]);
    const pushDir = join(tmp.path, 'push');
    mkdirSync(pushDir);
    skopeo('copy', '--dest-tls-verify=false', `oci:${await mixedImage(pushDir, pushMiB, 1, 31)}:bench`, `docker://${source.host}/bench/push:1`);
    const pushLayout = join(tmp.path, 'push-gzip');
    skopeo('copy', '--src-tls-verify=false', `docker://${source.host}/bench/push:1`, `oci:${pushLayout}:bench`);
    const pulled = JSON.parse(execFileSync('skopeo', ['inspect', '--raw', '--tls-verify=false', `docker://${source.host}/bench/pull:1`]).toString());
    const compressed = pulled.layers.reduce((n: number, l: { size: number }) => n + l.size, 0);
    const pushRaw = JSON.parse(execFileSync('skopeo', ['inspect', '--raw', `oci:${pushLayout}:bench`]).toString());
    const pushBytes = pushRaw.layers.reduce((n: number, l: { size: number }) => n + l.size, 0);

    const skopeoDir = join(tmp.path, 'skopeo-dir');
    const skopeoPull = seconds(() => skopeo('copy', '--src-tls-verify=false', `docker://${source.host}/bench/pull:1`, `dir:${skopeoDir}`));
    // What skopeo leaves out and Layerpad's verification does: unpack every layer to check its diff_id.
    const layerFiles = pulled.layers.map((l: { digest: string }) => join(skopeoDir, l.digest.slice('sha256:'.length)));
    const nativeDiffIds = seconds(() => execFileSync('bash', ['-c', `set -o pipefail; for f in ${layerFiles.join(' ')}; do gzip -dc "$f" | sha256sum >/dev/null; done`]));
    execFileSync('rm', ['-rf', skopeoDir]);
    const skopeoPush = seconds(() => skopeo('copy', '--dest-tls-verify=false', `oci:${pushLayout}:bench`, `docker://${pushTargets[0].host}/bench/pushed:1`));

    const browser = await chromium.launch({ executablePath: chromiumPath() || undefined, args: chromiumArgs });
    try {
      const page = await browser.newPage();
      const appPull = await pullInApp(page, app.url, `${source.host}/bench/pull:1`, pulled.layers.length + 2);
      // The push: the 256 MiB image pulled, verified and taken as the base of an edit, then pushed.
      await pullInApp(page, app.url, `${source.host}/bench/push:1`, 3);
      await page.getByRole('button', { name: 'Edit this image' }).click();
      await expect(page.getByRole('status').filter({ hasText: 'Up to date' })).toBeVisible({ timeout: 600_000 });
      await page.getByLabel('Push to').fill(`${pushTargets[1].host}/bench/pushed:1`);
      const start = performance.now();
      await page.getByRole('button', { name: 'Push', exact: true }).click();
      await shownText(page, '[aria-label="Pushed digest"]', /^sha256:/);
      const appPush = (performance.now() - start) / 1000;
      const uploaded = pushTargets[1].requests().filter((r) => r.method === 'PATCH' || (r.method === 'PUT' && r.path.includes('/blobs/'))).length;

      const rate = (bytes: number, s: number) => `${(bytes / MiB / s).toFixed(1)} MiB/s`;
      console.log(`pull: ${pullMiB} MiB of tar, ${(compressed / MiB).toFixed(0)} MiB gzip in ${pulled.layers.length} layers`);
      console.log(`  skopeo copy docker:// dir:                    ${skopeoPull.toFixed(2)} s  ${rate(compressed, skopeoPull)}`);
      console.log(`  + gzip -dc | sha256sum of each layer (diff_ids) ${(skopeoPull + nativeDiffIds).toFixed(2)} s  ${rate(compressed, skopeoPull + nativeDiffIds)}`);
      console.log(`  Layerpad in Chromium, Pull -> all verified   ${appPull.toFixed(2)} s  ${rate(compressed, appPull)}  ratio ${(skopeoPull / appPull).toFixed(2)} to skopeo, ${((skopeoPull + nativeDiffIds) / appPull).toFixed(2)} to skopeo + diff_ids`);
      console.log(`push: ${pushMiB} MiB of tar, ${(pushBytes / MiB).toFixed(0)} MiB gzip in one layer, to a registry that has none of it`);
      console.log(`  skopeo copy oci: docker://                   ${skopeoPush.toFixed(2)} s  ${rate(pushBytes, skopeoPush)}`);
      console.log(`  Layerpad in Chromium, Push -> pushed digest  ${appPush.toFixed(2)} s  ${rate(pushBytes, appPush)}  ratio ${(skopeoPush / appPush).toFixed(2)} (${uploaded} blob upload requests)`);
      console.log(`load average at the end: ${load()}`);
    } finally {
      await browser.close();
    }
  } finally {
    for (const thing of started.reverse()) await thing.stop();
    tmp.remove();
  }
}

if (process.argv[1] && fileURLToPath(import.meta.url) === process.argv[1]) await registryBench();
