// The image tar's promise includes `podman load`: Debian's podman loads it under its name and runs
// it as the configured user, with its storage kept to a temp dir.

import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { BUSYBOX, EXPECTED_OUTPUT, writeBusyboxImageTar } from '../../../test-support/busybox-image.ts';
import { makeTempDir, requireTool } from '../../../test-support/oracle.ts';
import { privatePodman, type PrivatePodman } from '../../../test-support/private-podman.ts';

const haveTools = ['podman', 'busybox'].every((tool) => requireTool(tool)) && existsSync(BUSYBOX);
const NAME = 'layerpad-test/busybox:1.0';

describe.skipIf(!haveTools)('oracle: podman load and podman run', () => {
  const tmp = makeTempDir('podman-image');
  let podman: PrivatePodman;
  let tarPath: string;

  beforeAll(async () => {
    tarPath = join(tmp.path, 'image.tar');
    await writeBusyboxImageTar(tarPath, '1000:1000');
    podman = privatePodman();
  });
  afterAll(() => {
    podman?.remove();
    tmp.remove();
  });

  it('loads the image tar under its name and runs its entrypoint + cmd as the configured user', () => {
    expect(podman.podman(['load', '--quiet', '--input', tarPath])).toContain(`Loaded image: docker.io/${NAME}`);
    const config = JSON.parse(podman.podman(['image', 'inspect', NAME]))[0].Config;
    expect(config.Env).toContain('GREETING=hi');
    expect(config.ExposedPorts).toEqual({ '8080/tcp': {} });
    expect(podman.run([NAME])).toBe(EXPECTED_OUTPUT);
    expect(podman.run(['--entrypoint', BUSYBOX, NAME, 'id', '-u'])).toBe('1000\n');
  });
});
