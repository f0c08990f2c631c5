// CI's short fuzz: every target runs for a few seconds on fresh seeds (made by the real tools in
// this run) and must find nothing. `npm run fuzz -- --seconds N` runs the long version.

import { describe, expect, it } from 'vitest';
import { requireTool } from '../src/test-support/oracle.ts';
import { runFuzz } from './run.ts';
import { TARGETS } from './targets/index.ts';

const SECONDS = Number(process.env.FUZZ_SECONDS ?? 3);

describe.skipIf(!requireTool('go') || !requireTool('tar'))('short fuzz', () => {
  it(`every parser survives ${SECONDS} s of fuzzing with no finding`, async () => {
    const results = await runFuzz({ seconds: SECONDS, log: console.log });
    expect(results.map((r) => r.target)).toEqual(Object.keys(TARGETS));
    for (const r of results) expect(r.cases, r.target).toBeGreaterThan(10);
    expect(results.flatMap((r) => r.findings)).toEqual([]);
  }, 120_000);
});
