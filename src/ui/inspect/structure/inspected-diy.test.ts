import { describe, expect, it } from 'vitest';
import { openAsBlob, symlinkSync } from 'node:fs';
import { join } from 'node:path';
import { openSession } from '../../../core/inspect/session.ts';
import { diyCommands } from '../../../core/formats/diy-commands.ts';
import { inspectedDiy } from './inspected-diy.ts';
import { makeTempDir, requireTool } from '../../../test-support/oracle.ts';
import { runShellSteps } from '../../../test-support/shell-steps.ts';
import { peerCorpusFile } from '../../../test-support/peer-corpus.ts';

const diveImage = peerCorpusFile('dive/test-docker-image.tar');

describe.skipIf(!diveImage || !['bash', 'tar', 'sha256sum', 'jq'].every(requireTool))('Do it yourself for an opened legacy docker save', () => {
  it('prints every digest the inspector shows, with no manifest step (it has no manifest blob)', async () => {
    const session = await openSession(await openAsBlob(diveImage!), 'test-docker-image.tar');
    const commands = diyCommands(inspectedDiy(session.view)).filter((c) => c.group === 'compute');
    expect(commands.some((c) => c.title.startsWith('The manifest'))).toBe(false);
    const tmp = makeTempDir('diy-inspect');
    try {
      symlinkSync(diveImage!, join(tmp.path, 'test-docker-image.tar'));
      const outputs = runShellSteps(commands.map((c) => c.command), tmp.path);
      const printed = commands.flatMap((c, i) => (c.prints ? [[c.prints, outputs[i].trim()]] : []));
      expect(printed).toHaveLength(1 + session.view.layers.length);
      for (const [expected, got] of printed) expect(got).toBe(expected);
      for (const layer of session.view.layers) expect(printed.map(([p]) => p.split(' ')[0])).toContain(layer.descriptor.digest.slice(7));
    } finally {
      tmp.remove();
    }
  });
});
