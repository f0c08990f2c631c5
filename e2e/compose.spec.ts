// The composer end to end, judged by independent tools: build busybox + motd through the UI,
// download the OCI layout zip and the image tar, run the image with umoci + chroot, read it with
// skopeo, reload and get byte-identical archives, and never talk to another origin.

import { expect, test } from '@playwright/test';
import { copyFileSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { makeTempDir, requireTool, runTool } from '../src/test-support/oracle.ts';
import { bundleProcess, runBundle } from '../src/test-support/run-bundle.ts';
import { download, recordRequests, waitForBuild, waitForSaved } from './support/composer.ts';

const TOOLS = ['umoci', 'skopeo', 'chroot', 'unzip', 'mount'];
const MOTD = 'Hello from a Layerpad image\n';

test('compose busybox + motd, run it, reload, download the same bytes', async ({ page, baseURL }) => {
  test.skip(!TOOLS.every(requireTool) || !requireTool('busybox'), 'oracle tools missing');
  test.setTimeout(240_000);
  const tmp = makeTempDir('compose-e2e');
  try {
    const requests = recordRequests(page, new URL(baseURL!).origin);
    const src = join(tmp.path, 'src');
    mkdirSync(join(src, 'bin'), { recursive: true });
    mkdirSync(join(src, 'etc'), { recursive: true });
    copyFileSync('/bin/busybox', join(src, 'bin', 'busybox'));
    writeFileSync(join(src, 'etc', 'motd'), MOTD);

    await page.goto('/');
    await page.getByLabel('Image name').fill('app:1.0');
    await page.getByLabel('Add folder').setInputFiles(join(src, 'bin'));
    await expect(page.getByRole('row', { name: /busybox/ })).toBeVisible();
    await page.getByLabel('Add folder').setInputFiles(join(src, 'etc'));
    await expect(page.getByRole('row', { name: /motd/ })).toBeVisible();
    await expect(page.getByRole('row', { name: /busybox/ })).toContainText('-rwxr-xr-x');
    await expect(page.getByRole('row', { name: /motd/ })).toContainText('-rw-r--r--');

    await page.getByLabel('Entrypoint').fill('["/bin/busybox","sh","-c"]');
    await page.getByLabel('Cmd').fill('["cat /etc/motd; echo $GREETING"]');
    await page.getByLabel('Environment').fill('GREETING=hi');
    await page.getByLabel('Exposed ports').fill('8080/tcp');
    await expect(page.getByLabel('Config JSON')).toContainText('GREETING=hi', { timeout: 60_000 });
    const digest = await waitForBuild(page);
    await waitForSaved(page);

    const zip = await download(page, 'Download OCI layout (.zip)', tmp.path);
    const tar = await download(page, 'Download image tar', tmp.path);
    expect(zip.name).toBe('app-1.0.oci.zip');
    expect(tar.name).toBe('app-1.0.tar');

    // umoci unpack + chroot run the config's Entrypoint + Cmd with its Env.
    const layout = join(tmp.path, 'layout');
    runTool('unzip', ['-q', zip.path, '-d', layout]);
    const index = JSON.parse(readFileSync(join(layout, 'index.json'), 'utf8'));
    expect(index.manifests[0].digest).toBe(digest);
    const tag: string = index.manifests[0].annotations['org.opencontainers.image.ref.name'];
    const bundle = join(tmp.path, 'bundle');
    runTool('umoci', ['unpack', '--rootless', '--image', `${layout}:${tag}`, bundle]);
    expect(bundleProcess(bundle).args).toEqual(['/bin/busybox', 'sh', '-c', 'cat /etc/motd; echo $GREETING']);
    const output = runBundle(bundle);
    expect(output).toBe(`${MOTD}hi\n`);

    // skopeo reads the layout, and the tar in both of its forms.
    const inspect = JSON.parse(runTool('skopeo', ['inspect', `oci:${layout}:${tag}`]));
    expect(inspect.Env).toContain('GREETING=hi');
    const config = JSON.parse(runTool('skopeo', ['inspect', '--config', `oci:${layout}:${tag}`]));
    expect(config.config.ExposedPorts).toEqual({ '8080/tcp': {} });
    expect(config.config.Entrypoint).toEqual(['/bin/busybox', 'sh', '-c']);
    runTool('skopeo', ['copy', `docker-archive:${tar.path}`, `oci:${join(tmp.path, 'from-docker')}:x`]);
    runTool('skopeo', ['copy', `oci-archive:${tar.path}`, `oci:${join(tmp.path, 'from-oci')}:x`]);

    // After a reload the composition is still there and builds the same bytes.
    await page.reload();
    await expect(page.getByRole('row', { name: /busybox/ })).toBeVisible();
    await expect(page.getByLabel('Entrypoint')).toHaveValue('["/bin/busybox","sh","-c"]');
    await expect(page.getByLabel('Environment')).toHaveValue('GREETING=hi');
    expect(await waitForBuild(page)).toBe(digest);
    const again = join(tmp.path, 'again');
    mkdirSync(again);
    expect((await download(page, 'Download OCI layout (.zip)', again)).sha256).toBe(zip.sha256);
    expect((await download(page, 'Download image tar', again)).sha256).toBe(tar.sha256);

    expect(requests.urls.length).toBeGreaterThan(0);
    expect(requests.foreign()).toEqual([]);
  } finally {
    tmp.remove();
  }
});
