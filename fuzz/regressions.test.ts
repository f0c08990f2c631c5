// Every input the fuzzer ever found (minimised, in fuzz/regressions/<target>.json) is checked
// again by its target: each was a real bug, fixed, and must stay fixed.

import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { requireTool } from '../src/test-support/oracle.ts';
import { Rng } from './mutate.ts';
import type { ReportedFinding } from './protocol.ts';
import { TARGETS } from './targets/index.ts';

const dir = join(import.meta.dirname, 'regressions');
const files = existsSync(dir) ? readdirSync(dir).filter((f) => f.endsWith('.json')) : [];
const needsGo = new Set(['tar', 'tar-props']);

afterAll(() => Object.values(TARGETS).forEach((t) => t.teardown?.()));

describe.each(files)('fuzz regressions in %s', (file) => {
  const cases = JSON.parse(readFileSync(join(dir, file), 'utf8')) as ReportedFinding[];
  const target = TARGETS[cases[0].target];
  it.skipIf(needsGo.has(target.name) && !requireTool('go')).each(cases.map((c, i) => [i, c.message, c] as const))('#%d %s', async (_i, _message, c) => {
    const input = new Uint8Array(Buffer.from(c.input, 'base64'));
    for (let seed = 1; seed <= 8; seed++) await expect(target.check(input, new Rng(seed), true)).resolves.toBeUndefined();
  });
});
