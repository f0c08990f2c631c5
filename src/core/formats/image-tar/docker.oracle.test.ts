// The final word on the image tar: a real Docker daemon (Debian's docker.io, the classic image
// store that needs manifest.json) loads it and runs it without a network.

import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { BUSYBOX, EXPECTED_OUTPUT, writeBusyboxImageTar } from '../../../test-support/busybox-image.ts';
import { makeTempDir, requireTool } from '../../../test-support/oracle.ts';
import { startPrivateDocker, type PrivateDocker } from '../../../test-support/docker-daemon.ts';

const haveTools = ['dockerd', 'docker', 'busybox'].every((tool) => requireTool(tool)) && existsSync(BUSYBOX);

describe.skipIf(!haveTools)('oracle: docker load and docker run', () => {
  const tmp = makeTempDir('docker');
  let daemon: PrivateDocker | undefined;
  let tarPath: string;

  beforeAll(async () => {
    tarPath = join(tmp.path, 'image.tar');
    await writeBusyboxImageTar(tarPath, '1000:1000');
    daemon = await startPrivateDocker();
  });
  afterAll(async () => {
    await daemon?.stop();
    tmp.remove();
  });

  it('loads the image tar under its name and runs its entrypoint + cmd as the configured user', () => {
    const docker = daemon!.docker;
    expect(docker(['load', '--input', tarPath])).toContain('Loaded image: layerpad-test/busybox:1.0');
    const config = JSON.parse(docker(['image', 'inspect', 'layerpad-test/busybox:1.0']))[0].Config;
    expect(config.Env).toContain('GREETING=hi');
    expect(config.ExposedPorts).toEqual({ '8080/tcp': {} });
    expect(docker(['run', '--rm', '--network', 'none', 'layerpad-test/busybox:1.0'])).toBe(EXPECTED_OUTPUT);
    expect(docker(['run', '--rm', '--network', 'none', '--entrypoint', '/bin/busybox', 'layerpad-test/busybox:1.0', 'id', '-u'])).toBe('1000\n');
  });
});
