// What a fuzz target is: how it makes the next input from its corpus, and a check that throws a
// Finding when the parser misbehaves (an exception other than its own error type, a verdict or
// listing that differs from the oracle, a bound that did not hold). Time and memory limits are
// the runner's (worker.ts runs each target in a thread with a heap limit and a watchdog).

import type { Rng } from './mutate.ts';

export class Finding extends Error {
  override name = 'Finding';
  constructor(
    readonly kind: 'crash' | 'differential' | 'bound',
    message: string,
  ) {
    super(message);
  }
}

export interface FuzzTarget {
  name: string;
  /** Starts what the checks need (e.g. the Go lister); called once per worker. */
  setup?(): Promise<void>;
  teardown?(): void;
  /** The next input: a mutation of a corpus entry, or a structured input made by fast-check. */
  next(rng: Rng, corpus: readonly Uint8Array[]): Uint8Array;
  /** `thorough` asks every oracle, also the ones normally sampled (regression replays do). */
  check(input: Uint8Array, rng: Rng, thorough?: boolean): Promise<void>;
}

/**
 * Runs `body` and returns the parser's own refusal (an error of one of `expected`), or undefined
 * when it accepted the input; any other exception becomes a crash finding.
 */
export async function refusal(expected: Array<abstract new (...args: never[]) => Error>, body: () => Promise<unknown>): Promise<Error | undefined> {
  try {
    await body();
    return undefined;
  } catch (error) {
    if (error instanceof Finding) throw error;
    if (expected.some((type) => error instanceof type)) return error as Error;
    const e = error as Error;
    throw new Finding('crash', `${e?.name ?? typeof error}: ${e?.message ?? String(error)}\n${(e?.stack ?? '').split('\n').slice(1, 4).join('\n')}`);
  }
}
