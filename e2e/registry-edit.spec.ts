// An image pulled from a registry, edited and pushed back, judged by Docker: umoci makes a busybox
// base, skopeo puts it in docker-registry (CORS for the app's origin, another port); the inspector
// pulls and verifies it, "Edit this image" hands it to the composer, the usual edits are made
// (a file added, /bin/ls deleted, /etc/passwd replaced, Env and Cmd), and the result is pushed to
// another repository of the same registry: the base's layers are mounted, not uploaded. The
// private Docker daemon pulls the pushed image from 127.0.0.1 and runs it.

import { expect, test } from '@playwright/test';
import { startPrivateDocker } from '../src/test-support/docker-daemon.ts';
import { umociBase } from '../src/test-support/edit-bases.ts';
import { requireTool } from '../src/test-support/oracle.ts';
import { waitForBuild } from './support/composer.ts';
import { EDITED_OUTPUT, makeTheEdits } from './support/edit-page.ts';
import { expectOpened } from './support/inspect-page.ts';
import { copyTo, inspectRemote, REGISTRY_TOOLS, useRegistries } from './support/registries.ts';
import { useTempDir } from './support/temp-dir.ts';

const port = Number(process.env.E2E_PORT ?? 4173);
const origin = `http://127.0.0.1:${port}`;
const TOOLS = [...REGISTRY_TOOLS, 'umoci', 'busybox', 'dockerd', 'docker'];

test.skip(!TOOLS.every(requireTool), 'registry tools missing');
const tmp = useTempDir('registry-edit');
const registries = useRegistries(origin);

test('pull a base, edit it, push it to another repository (base layers mounted); docker pulls and runs it', async ({ page }) => {
  test.setTimeout(300_000);
  const { open } = registries();
  const { layout, tag } = umociBase(tmp());
  copyTo(`oci:${layout}:${tag}`, `${open.host}/team/base:1`);
  const base = inspectRemote(`${open.host}/team/base:1`, '--raw');

  await page.goto('/#inspect');
  await page.getByLabel('Image reference').fill(`${open.host}/team/base:1`);
  await page.getByRole('button', { name: 'Pull', exact: true }).click();
  await expectOpened(page);
  await expect(page.getByRole('status', { name: 'Verification result' })).toContainText('verified', { timeout: 60_000 });
  const edit = page.getByRole('button', { name: 'Edit this image' });
  await expect(edit).toBeEnabled();
  await edit.click();
  await expect(page.getByRole('region', { name: 'Base image' }).locator('.layer.is-base')).toHaveCount(2);
  await makeTheEdits(page, tmp());
  const digest = await waitForBuild(page);

  const before = open.requests().length;
  await page.getByLabel('Push to').fill(`${open.host}/team/edited:1`);
  await page.getByRole('button', { name: 'Push', exact: true }).click();
  await expect(page.getByLabel('Pushed digest')).toHaveText(digest, { timeout: 120_000 });
  const mounts = open.requests().slice(before).filter((l) => l.method === 'POST' && l.path.includes('mount='));
  expect(mounts.map((l) => l.status)).toEqual([201, 201]);
  for (const layer of base.layers) expect(mounts.some((l) => l.path.includes(encodeURIComponent(layer.digest)))).toBe(true);
  await expect(page.getByRole('list', { name: 'Blobs pushed' })).toContainText('mounted');

  const pushed = inspectRemote(`${open.host}/team/edited:1`, '--raw');
  expect(pushed.layers.slice(0, 2).map((l: { digest: string }) => l.digest)).toEqual(base.layers.map((l: { digest: string }) => l.digest));
  const daemon = await startPrivateDocker();
  try {
    daemon.docker(['pull', `${open.host}/team/edited:1`]);
    expect(daemon.docker(['run', '--rm', '--network', 'none', `${open.host}/team/edited:1`])).toBe(EDITED_OUTPUT);
  } finally {
    await daemon.stop();
  }
});
