// Pushing the composer's busybox image from the browser to docker-registry on 127.0.0.1 (CORS
// headers for the app's origin, another port), judged by the tools: skopeo inspect shows our
// config, skopeo copy + umoci unpack + chroot runs it, the private Docker daemon pulls it from
// 127.0.0.1 and runs it; a second push uploads no blob (the registry's access log counts); an
// upload whose connection the test drops mid-chunk resumes from the registry's Range.

import { expect, test, type Page } from '@playwright/test';
import { mkdirSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { startPrivateDocker } from '../src/test-support/docker-daemon.ts';
import { startDroppingProxy } from '../src/test-support/dropping-proxy.ts';
import { requireTool, runTool } from '../src/test-support/oracle.ts';
import type { AccessLine } from '../src/test-support/registry.ts';
import { runBundle } from '../src/test-support/run-bundle.ts';
import { COMPOSED_OUTPUT, composeBusybox } from './support/busybox-composition.ts';
import { inspectRemote, REGISTRY_TOOLS, skopeo, useRegistries } from './support/registries.ts';
import { useTempDir } from './support/temp-dir.ts';

const port = Number(process.env.E2E_PORT ?? 4173);
const origin = `http://127.0.0.1:${port}`;
const shotsDir = process.env.SHOTS_DIR ?? join(tmpdir(), 'layerpad-registry-shots');
const TOOLS = [...REGISTRY_TOOLS, 'umoci', 'chroot', 'mount', 'busybox', 'dockerd', 'docker'];
const blobWrites = (lines: AccessLine[]) => lines.filter((l) => l.path.includes('/blobs/uploads/') && l.method !== 'OPTIONS');

test.describe.configure({ mode: 'serial' });
test.skip(!TOOLS.every(requireTool), 'registry tools missing');
const tmp = useTempDir('registry-push');
const registries = useRegistries(origin);

async function push(page: Page, target: string): Promise<string> {
  await page.getByLabel('Push to').fill(target);
  await page.getByRole('button', { name: 'Push', exact: true }).click();
  const pushed = page.getByLabel('Pushed digest');
  await expect(pushed).toHaveText(/^sha256:[0-9a-f]{64}$/, { timeout: 120_000 });
  return (await pushed.textContent())!;
}

test('push busybox: skopeo, umoci + chroot and docker run it; a second push uploads nothing', async ({ page }) => {
  test.setTimeout(300_000);
  mkdirSync(shotsDir, { recursive: true });
  const { open } = registries();
  const target = `${open.host}/team/app:1.0`;
  const digest = await composeBusybox(page, tmp());
  const before = open.requests().length;
  expect(await push(page, target)).toBe(digest);
  await page.locator('.push-panel').screenshot({ path: join(shotsDir, 'push-done.png') });
  await expect(page.getByLabel('Commands for the pushed image')).toHaveText(`docker pull ${open.host}/team/app@${digest}\nskopeo inspect --tls-verify=false docker://${open.host}/team/app@${digest}`);
  const firstPush = open.requests().slice(before);
  expect(blobWrites(firstPush).length).toBeGreaterThan(0);
  expect(firstPush.some((l) => l.method === 'PUT' && l.path === '/v2/team/app/manifests/1.0' && l.status === 201)).toBe(true);

  expect(inspectRemote(target).Digest).toBe(digest);
  const config = inspectRemote(target, '--config');
  expect(config.config.Entrypoint).toEqual(['/bin/busybox', 'sh', '-c']);
  expect(config.config.Env).toContain('GREETING=hi');
  const layout = join(tmp(), 'layout');
  skopeo('copy', '--src-tls-verify=false', `docker://${target}`, `oci:${layout}:1.0`);
  runTool('umoci', ['unpack', '--rootless', '--image', `${layout}:1.0`, join(tmp(), 'bundle')]);
  expect(runBundle(join(tmp(), 'bundle'))).toBe(COMPOSED_OUTPUT);

  const daemon = await startPrivateDocker();
  try {
    daemon.docker(['pull', `${open.host}/team/app@${digest}`]);
    expect(daemon.docker(['run', '--rm', '--network', 'none', `${open.host}/team/app@${digest}`])).toBe(COMPOSED_OUTPUT);
  } finally {
    await daemon.stop();
  }

  const again = open.requests().length;
  expect(await push(page, target)).toBe(digest);
  await expect(page.getByRole('list', { name: 'Blobs pushed' })).not.toContainText('uploading');
  const second = open.requests().slice(again);
  expect(blobWrites(second)).toEqual([]);
  expect(second.filter((l) => l.method === 'HEAD' && l.path.startsWith('/v2/team/app/blobs/')).length).toBe(2);
});

test('an upload whose connection drops mid-chunk resumes from the registry\'s Range and completes', async ({ page }) => {
  test.setTimeout(300_000);
  const { open } = registries();
  const proxy = await startDroppingProxy(open.port, { nth: 2, mode: 'hold' });
  try {
    const digest = await composeBusybox(page, tmp(), { extraBytes: 40 * 1024 * 1024 });
    expect(await push(page, `${proxy.host}/team/big:1`)).toBe(digest);
    expect(proxy.dropped()).toBe(1);
    await expect(page.getByRole('list', { name: 'Blobs pushed' })).toContainText('resuming from there');
    await page.locator('.push-panel').screenshot({ path: join(shotsDir, 'push-resumed.png') });
    const raw = inspectRemote(`${open.host}/team/big:1`, '--raw');
    const big = raw.layers.reduce((n: number, l: { size: number }) => Math.max(n, l.size), 0);
    // The dropped half-chunk never reached the registry, and nothing else was sent twice.
    expect(proxy.patchBytes()).toBe(big);
    skopeo('copy', '--src-tls-verify=false', `docker://${open.host}/team/big:1`, `dir:${join(tmp(), 'big')}`);
  } finally {
    await proxy.stop();
  }
});
