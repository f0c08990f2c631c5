// Docker's manifest.json and repositories parsers: only DocumentError, bounded problems and at
// most MAX_NAMES names, for arbitrary shapes fast-check makes and for mutated real files.

import fc from 'fast-check';
import type { Problem } from '../../src/core/problem.ts';
import { MAX_NAMES, parseDockerManifest, parseRepositories } from '../../src/core/oci/parse-docker.ts';
import { mutate } from '../mutate.ts';
import { Finding, type FuzzTarget } from '../target.ts';
import { checkDocument } from './json.ts';

const path = fc.oneof(fc.constantFrom('a/layer.tar', '../x', '/abs', 'blobs/sha256/ab', '', 'a//b', 'a\\b'), fc.string({ maxLength: 12 }), fc.anything({ maxDepth: 2 }));
const manifest = fc.array(fc.record({ Config: path, RepoTags: fc.oneof(fc.array(fc.oneof(fc.string({ maxLength: 8 }), fc.integer())), fc.anything({ maxDepth: 1 })), Layers: fc.oneof(fc.array(path), fc.anything({ maxDepth: 1 })) }, { requiredKeys: [] }), { maxLength: 5 });
const repositories = fc.dictionary(fc.string({ maxLength: 6 }), fc.oneof(fc.dictionary(fc.string({ maxLength: 6 }), fc.string({ maxLength: 6 })), fc.anything({ maxDepth: 1 })));
const shapes = fc.oneof(manifest, repositories, fc.anything({ maxDepth: 3 })).map((v) => new TextEncoder().encode(JSON.stringify(v) ?? 'null'));

export const dockerTarget: FuzzTarget = {
  name: 'docker',
  next: (rng, corpus) => (rng.below(2) === 0 ? fc.sample(shapes, { seed: rng.next() | 0, numRuns: 1 })[0] : mutate(rng.pick(corpus), rng, corpus)),
  check: (input) => checkDocument(input, [
    parseDockerManifest,
    (value: unknown, name: string, problems: Problem[]) => {
      const names = parseRepositories(value, name, problems);
      if (names.length > MAX_NAMES) throw new Finding('bound', `${names.length} names`);
    },
  ]),
};
