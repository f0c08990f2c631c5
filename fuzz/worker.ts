// One fuzz target in a thread: makes inputs, checks them, minimises findings and reports them.
// The case being checked is kept in shared memory with a counter, so the runner can name the
// input that hung or ran the thread out of memory after it killed the thread.

import { parentPort, workerData } from 'node:worker_threads';
import { minimize } from './minimize.ts';
import { Rng } from './mutate.ts';
import { Finding } from './target.ts';
import { CASE_SLOT, type ReportedFinding, type WorkerInput } from './protocol.ts';
import { TARGETS } from './targets/index.ts';

const { target: name, seeds, budgetMs, seed, shared } = workerData as WorkerInput;
const target = TARGETS[name];
const counter = new Int32Array(shared, 0, 2);
const slot = new Uint8Array(shared, 8, CASE_SLOT);
const rng = new Rng(seed);
const seen = new Set<string>();

/** Checks one input; `caseSeed` fixes the check's own random choices (sampled oracles, chunking). */
async function failure(input: Uint8Array, caseSeed: number): Promise<Finding | undefined> {
  slot.set(input.subarray(0, CASE_SLOT));
  Atomics.store(counter, 1, Math.min(input.length, CASE_SLOT));
  Atomics.add(counter, 0, 1);
  try {
    await target.check(input, new Rng(caseSeed));
    return undefined;
  } catch (error) {
    if (error instanceof Finding) return error;
    return new Finding('crash', `check itself threw: ${(error as Error).message}`);
  }
}

let cases = 0;
let lastReport = Date.now();
await target.setup?.();
// Booting a thread under tsx can take seconds on a loaded machine; the budget and the runner's
// hang watchdog both start here, so a slow start is neither a finding nor lost fuzzing time.
parentPort!.postMessage({ type: 'ready' });
const until = Date.now() + budgetMs;
while (Date.now() < until) {
  const input = target.next(rng, seeds);
  const caseSeed = rng.next();
  const found = await failure(input, caseSeed);
  cases++;
  if (found) {
    const small = await minimize(input, (candidate) => failure(candidate, caseSeed));
    const again = (await failure(small, caseSeed)) ?? found;
    const key = `${again.kind}:${again.message.split('\n')[0].replace(/\d+/g, '#')}`;
    if (!seen.has(key)) {
      seen.add(key);
      const report: ReportedFinding = { target: name, kind: again.kind, message: again.message, input: Buffer.from(small).toString('base64') };
      parentPort!.postMessage({ type: 'finding', finding: report });
    }
  }
  if (Date.now() - lastReport > 1000) {
    parentPort!.postMessage({ type: 'cases', cases });
    cases = 0;
    lastReport = Date.now();
  }
}
target.teardown?.();
parentPort!.postMessage({ type: 'cases', cases });
parentPort!.postMessage({ type: 'done' });
