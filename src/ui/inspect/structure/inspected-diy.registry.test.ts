// Do it yourself for a pulled image, judged by skopeo, sha256sum, gzip and jq against a real
// docker-registry on 127.0.0.1: the commands copy the chosen platform of a multi-platform index
// out of the registry and print every digest the inspector shows, the index's included.

import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { join } from 'node:path';
import { buildImage } from '../../../core/build/image.ts';
import { diyCommands } from '../../../core/formats/diy-commands.ts';
import { openRegistrySession } from '../../../core/inspect/pull.ts';
import { memorySinkFactory } from '../../../core/store/memory.ts';
import { smallSpec } from '../../../test-support/image.ts';
import { writeMultiPlatformLayout } from '../../../test-support/multi-platform.ts';
import { makeTempDir, requireTool, runTool } from '../../../test-support/oracle.ts';
import { startRegistry, type RunningRegistry } from '../../../test-support/registry.ts';
import { runShellSteps } from '../../../test-support/shell-steps.ts';
import { inspectedDiy } from './inspected-diy.ts';

const tools = ['bash', 'skopeo', 'docker-registry', 'sha256sum', 'gzip', 'tar', 'jq'];

describe.skipIf(!tools.every(requireTool))('Do it yourself for a pulled image', () => {
  const temp = makeTempDir('diy-registry');
  let registry: RunningRegistry;
  beforeAll(async () => {
    registry = await startRegistry();
    const amd = await buildImage(smallSpec());
    const arm = await buildImage(smallSpec({ platform: { os: 'linux', architecture: 'arm64' } }));
    const layout = join(temp.path, 'multi');
    await writeMultiPlatformLayout(layout, [...amd.images, ...arm.images], '1');
    runTool('skopeo', ['--insecure-policy', 'copy', '--all', '--dest-tls-verify=false', `oci:${layout}:1`, `docker://${registry.host}/team/multi:1`]);
  });
  afterAll(async () => {
    await registry?.stop();
    temp.remove();
  });

  it('copies the chosen platform out with skopeo and prints every digest the page shows', async () => {
    const session = await openRegistrySession(`${registry.host}/team/multi:1`, { fetch: (url, init) => fetch(url, init), sinks: memorySinkFactory });
    const arm64 = session.view.manifests.find((m) => m.platform?.architecture === 'arm64')!;
    const view = await session.select(arm64.descriptor.sha256!);
    const commands = diyCommands(inspectedDiy(view)).filter((c) => c.group === 'compute');
    const outputs = runShellSteps(commands.map((c) => c.command), temp.path);
    const printed = commands.flatMap((c, i) => (c.prints ? [[c.prints, outputs[i].trim()]] : []));
    for (const [expected, got] of printed) expect(got).toBe(expected);
    const hexes = printed.map(([p]) => p.split(' ')[0]);
    const shown = [view.pulledFrom!.digest, arm64.descriptor.digest, view.config!.digest, ...view.layers.flatMap((l) => [l.descriptor.digest, l.diffId!])];
    expect(hexes).toEqual(shown.map((d) => d.slice('sha256:'.length)));
  });
});
