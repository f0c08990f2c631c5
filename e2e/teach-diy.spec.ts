// "Do it yourself": the commands the page shows for the composed image, run as they are in a
// shell beside the downloaded image tar, print exactly the lines the page says and the digests
// the page shows (manifest, config, each layer's digest and diff_id); skopeo reports the same
// manifest digest and umoci unpacks the files. Screenshots of the region go to SHOTS_DIR.

import { expect, test } from '@playwright/test';
import { existsSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { makeTempDir, requireTool } from '../src/test-support/oracle.ts';
import { runShellSteps } from '../src/test-support/shell-steps.ts';
import { download, waitForBuild } from './support/composer.ts';
import { regionShots } from './support/region-shots.ts';

const shotsDir = process.env.SHOTS_DIR ?? join(tmpdir(), 'layerpad-teach-shots');
const TOOLS = ['bash', 'tar', 'sha256sum', 'gzip', 'jq', 'skopeo', 'umoci'];
const hex = (digest: string) => digest.replace(/^sha256:/, '');

test('the commands on the page, run beside the downloaded image tar, give the digests the page shows', async ({ page }) => {
  test.skip(!TOOLS.every(requireTool), 'oracle tools missing');
  test.setTimeout(180_000);
  const tmp = makeTempDir('teach-diy');
  try {
    await page.goto('/');
    await page.getByLabel('Image name').fill('diy:2.0');
    await page.getByRole('button', { name: 'New text file' }).click();
    await page.keyboard.press('ControlOrMeta+a');
    await page.keyboard.type('motd');
    await page.keyboard.press('Enter');
    await page.getByRole('row', { name: 'motd' }).click();
    await page.getByLabel('Contents').fill('do it yourself\n');
    await page.getByLabel('Environment').fill('WHO=me');
    await expect(page.getByLabel('Config JSON')).toContainText('WHO=me', { timeout: 60_000 });
    const manifest = await waitForBuild(page);
    const shown = {
      manifest,
      config: (await page.getByLabel('Config descriptor digest').textContent())!,
      layer: (await page.getByLabel('Layer L1 digest').textContent())!,
      diffId: (await page.getByLabel('Layer L1 diff_id').textContent())!,
    };
    const tar = await download(page, 'Download image tar', tmp.path);
    expect(tar.name).toBe('diy-2.0.tar');

    const region = page.getByRole('region', { name: 'Do it yourself' });
    const items = region.getByRole('listitem');
    const commands = await items.locator('.diy-code').allTextContents();
    const prints = await items.evaluateAll((lis) => lis.map((li) => li.querySelector('.diy-prints')?.textContent ?? null));
    const compute = commands.slice(0, commands.findIndex((c) => c.startsWith('skopeo')));
    const outputs = runShellSteps(compute, tmp.path);
    compute.forEach((command, i) => {
      if (prints[i]) expect(outputs[i].trim(), command).toBe(prints[i]);
    });
    const printed = outputs.join('');
    expect(printed).toContain(`${hex(shown.manifest)}  blobs/sha256/${hex(shown.manifest)}`);
    expect(printed).toContain(`${hex(shown.config)}  blobs/sha256/${hex(shown.config)}`);
    expect(printed).toContain(`${hex(shown.layer)}  blobs/sha256/${hex(shown.layer)}`);
    expect(printed).toContain(`${hex(shown.diffId)}  -`);
    expect(printed).toMatch(/"WHO=me"/);

    const tools = commands.slice(compute.length).filter((c) => c.startsWith('skopeo') || c.startsWith('umoci'));
    const toolOutputs = runShellSteps([compute[1], ...tools], tmp.path).slice(1);
    expect(JSON.parse(toolOutputs[0]).Digest).toBe(shown.manifest);
    expect(JSON.parse(toolOutputs[1]).config.Env).toContain('WHO=me');
    expect(toolOutputs[2]).toContain('motd');
    expect(readFileSync(join(tmp.path, 'bundle', 'rootfs', 'motd'), 'utf8')).toBe('do it yourself\n');
    expect(existsSync(join(tmp.path, 'bundle', 'config.json'))).toBe(true);
    await regionShots(page, region, shotsDir, 'diy-composer');
  } finally {
    tmp.remove();
  }
});
