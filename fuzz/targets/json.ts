// The JSON document reader and the index / manifest / config parsers: only DocumentError may come
// out, and the problem list stays bounded, for mutated real documents and for arbitrary JSON.

import fc from 'fast-check';
import { MAX_PROBLEMS, type Problem } from '../../src/core/problem.ts';
import { parseIndex, parseManifest } from '../../src/core/oci/parse.ts';
import { parseConfig } from '../../src/core/oci/parse-config.ts';
import { decodeJsonDocument, DocumentError } from '../../src/core/oci/parse-json.ts';
import { mutate } from '../mutate.ts';
import { Finding, refusal, type FuzzTarget } from '../target.ts';

const json = fc.jsonValue({ maxDepth: 6 }).map((v) => new TextEncoder().encode(JSON.stringify(v)));

export async function checkDocument(input: Uint8Array, parsers: Array<(value: unknown, name: string, problems: Problem[]) => unknown>): Promise<void> {
  let value: unknown;
  const refused = await refusal([DocumentError], async () => {
    value = decodeJsonDocument(input, 'doc').value;
  });
  if (refused) return;
  for (const parse of parsers) {
    const problems: Problem[] = [];
    await refusal([DocumentError], async () => parse(value, 'doc', problems));
    if (problems.length > MAX_PROBLEMS + 1) throw new Finding('bound', `${problems.length} problems from one document`);
  }
}

export const jsonTarget: FuzzTarget = {
  name: 'json',
  next: (rng, corpus) => (rng.below(4) === 0 ? fc.sample(json, { seed: rng.next() | 0, numRuns: 1 })[0] : mutate(rng.pick(corpus), rng, corpus)),
  check: (input) => checkDocument(input, [parseIndex, parseManifest, parseConfig]),
};
