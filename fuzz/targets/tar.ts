// The tar reader against Go's archive/tar (every case, as a stream and as a Blob) and GNU tar
// (a sample of cases, names only, where our reading raised no warning).

import { spawnSync } from 'node:child_process';
import { cleanName } from '../../src/core/tar/names.ts';
import { GoLister } from '../../src/test-support/go-tarlist.ts';
import { differences, goSide, ourSide, type Side } from '../../src/test-support/tar-differential.ts';
import { Finding, refusal, type FuzzTarget } from '../target.ts';
import { mutateTar } from '../tar-mutate.ts';
import type { Rng } from '../mutate.ts';

let go: GoLister | undefined;

export async function checkTar(input: Uint8Array, rng: Rng, thorough = false): Promise<void> {
  go ??= new GoLister();
  const listing = await go.list(input);
  for (const source of ['stream', 'blob'] as const) {
    let ours: Side | undefined;
    await refusal([], async () => {
      ours = await ourSide(input, source);
    });
    const found = differences(input, goSide(listing), ours!, source);
    if (found.length > 0) throw new Finding('differential', `vs Go: ${found.join('\n')}`);
    if (source === 'stream' && (thorough || rng.below(64) === 0)) againstGnuTar(input, ours!);
  }
}

function againstGnuTar(input: Uint8Array, ours: Side): void {
  if (ours.error || ours.warnings.length > 0 || ours.rows.some((r) => r.name.includes('\n'))) return;
  const result = spawnSync('tar', ['-t', '--quoting-style=literal', '-f', '-'], { input, encoding: 'latin1' });
  if (result.status !== 0 || result.stderr !== '') return;
  const gnu = result.stdout.split('\n').filter((n) => n !== '' && cleanName(Buffer.from(n, 'latin1').toString()).path !== '');
  const mine = ours.rows.map((r) => (r.name.startsWith('hex:') ? Buffer.from(r.name.slice(4), 'hex') : Buffer.from(r.name)).toString('latin1'));
  if (JSON.stringify(gnu) !== JSON.stringify(mine)) {
    throw new Finding('differential', `vs GNU tar (no warning raised): GNU tar lists ${JSON.stringify(gnu).slice(0, 500)}, ours ${JSON.stringify(mine).slice(0, 500)}`);
  }
}

export function closeGo(): void {
  go?.close();
  go = undefined;
}

export const tarTarget: FuzzTarget = {
  name: 'tar',
  teardown: closeGo,
  next: (rng, corpus) => mutateTar(rng.pick(corpus), rng, corpus),
  check: checkTar,
};
