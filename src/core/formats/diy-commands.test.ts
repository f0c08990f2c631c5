import { describe, expect, it } from 'vitest';
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { buildIndex } from '../build/image.ts';
import type { FsEntry } from '../fs/entry.ts';
import { hexOf } from '../digest.ts';
import { writeImageTar } from './image-tar/write.ts';
import { diyCommands, diyOfIndex, shellQuote } from './diy-commands.ts';
import { makeTempDir, requireTool } from '../../test-support/oracle.ts';
import { runShellSteps } from '../../test-support/shell-steps.ts';

const file = (path: string, text: string): FsEntry => {
  const content = new Blob([text]);
  return { path, type: 'file', mode: 0o644, uid: 0, gid: 0, size: content.size, content };
};

describe('shellQuote', () => {
  it('leaves safe words alone and single-quotes the rest', () => {
    expect(shellQuote('blobs/sha256/ab')).toBe('blobs/sha256/ab');
    expect(shellQuote("it's a file.tar")).toBe(`'it'\\''s a file.tar'`);
  });
});

const TOOLS = ['bash', 'tar', 'sha256sum', 'gzip', 'zstd', 'jq'];

describe.skipIf(!TOOLS.every(requireTool))('the compute-it-yourself commands', () => {
  it('print exactly the digests the image has, for gzip and zstd layers', async () => {
    const index = await buildIndex([{
      platform: { os: 'linux', architecture: 'amd64' },
      config: { Env: ['A=1'] },
      name: 'example.com/team/app:1.0',
      layers: [{ kind: 'entries', entries: [file('etc/motd', 'hi\n')] }, { kind: 'entries', entries: [file('bin/x', 'x')] }],
    }], { compression: 'zstd' });
    const tmp = makeTempDir('diy');
    try {
      writeFileSync(join(tmp.path, 'app-1.0.tar'), new Uint8Array(await (await writeImageTar(index)).arrayBuffer()));
      const commands = diyCommands(diyOfIndex(index, 0, 'app-1.0.tar')).filter((c) => c.group === 'compute');
      const outputs = runShellSteps(commands.map((c) => c.command), tmp.path);
      const image = index.images[0];
      const printed = commands.flatMap((c, i) => (c.prints ? [[c.prints, outputs[i].trim()]] : []));
      expect(printed.every(([expected, got]) => expected === got)).toBe(true);
      const lines = printed.map(([, got]) => got);
      expect(lines).toContain(`${hexOf(image.manifest.descriptor.digest)}  blobs/sha256/${hexOf(image.manifest.descriptor.digest)}`);
      for (const layer of image.layers) expect(lines).toContain(`${hexOf(layer.diffId)}  -`);
      const diffIds = outputs[commands.findIndex((c) => c.command.includes('.rootfs.diff_ids'))].trim().split('\n');
      expect(diffIds).toEqual(image.layers.map((l) => l.diffId));
      expect(outputs[commands.findIndex((c) => c.title === 'L1: its files, as tar lists them')]).toMatch(/etc\/motd\n/);
    } finally {
      tmp.remove();
    }
  });
});
