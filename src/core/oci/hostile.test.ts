// Documents built to exhaust or crash the parsers (HOSTILE-INPUTS.md items 5, 13, 30): huge tag
// lists, millions of empty descriptors, digests that are objects. Each must end quickly, with a
// bounded problem list and messages that say what was wrong.

import { describe, expect, it } from 'vitest';
import { MAX_PROBLEMS, type Problem } from '../problem.ts';
import { MAX_DESCRIPTORS, parseDescriptor, parseIndex, parseManifest } from './parse.ts';
import { parseConfig } from './parse-config.ts';
import { MAX_NAMES, parseDockerManifest, parseRepositories } from './parse-docker.ts';
import { decodeJsonDocument, MAX_DOCUMENT_BYTES } from './parse-json.ts';

const HEX = 'a'.repeat(64);
const enc = new TextEncoder();

function timed<T>(run: () => T): { value: T; ms: number } {
  const start = performance.now();
  const value = run();
  return { value, ms: performance.now() - start };
}

describe('huge lists stay linear and bounded', () => {
  it('a repositories file with 300 000 tags (and repeats) is de-duplicated with a Set and capped', () => {
    const tags: Record<string, string> = {};
    for (let i = 0; i < 300_000; i++) tags[`t${i}`] = HEX;
    const problems: Problem[] = [];
    const { value, ms } = timed(() => parseRepositories({ repo: tags, again: tags }, 'repositories', problems));
    expect(value).toHaveLength(MAX_NAMES);
    expect(new Set(value).size).toBe(MAX_NAMES);
    expect(problems).toEqual([{ severity: 'warning', where: 'repositories', message: `names ${MAX_NAMES} images and 599000 more; only the first ${MAX_NAMES} names are shown` }]);
    expect(ms).toBeLessThan(2000);
  });

  it('a manifest.json with 300 000 tags gives a bounded tag list a caller can spread', () => {
    const RepoTags = Array.from({ length: 300_000 }, (_, i) => `r:${i % 1000 === 0 ? 'dup' : i}`);
    const problems: Problem[] = [];
    const out = parseDockerManifest([{ Config: 'c.json', RepoTags, Layers: [] }], 'manifest.json', problems);
    expect(out[0].repoTags).toHaveLength(MAX_NAMES);
    expect(() => [].push(...(out[0].repoTags as never[]))).not.toThrow();
    expect(problems.map((p) => p.message)).toEqual([expect.stringMatching(/^names 1000 images and \d+ more; only the first 1000 names are shown$/)]);
  });

  it('a 4 MB manifest of 1.35 M empty descriptors: descriptors and problems capped, fast', () => {
    const text = `{"schemaVersion":2,"config":{},"layers":[${Array(1_350_000).fill('{}').join(',')}]}`;
    expect(text.length).toBeLessThan(MAX_DOCUMENT_BYTES);
    const { value } = decodeJsonDocument(enc.encode(text), 'm');
    const problems: Problem[] = [];
    const { value: manifest, ms } = timed(() => parseManifest(value, 'm', problems));
    expect(manifest.layers).toHaveLength(MAX_DESCRIPTORS);
    expect(problems).toHaveLength(MAX_PROBLEMS + 1);
    expect(problems).toContainEqual({ severity: 'error', where: 'm', message: `"layers" lists 1350000 descriptors, more than the limit of ${MAX_DESCRIPTORS}; only the first ${MAX_DESCRIPTORS} are read` });
    expect(problems.at(-1)).toEqual({ severity: 'error', where: 'problems', message: `and ${3 * MAX_DESCRIPTORS + 5 - MAX_PROBLEMS} more like the ones above (not listed)` });
    expect(ms).toBeLessThan(2000);
  });

  it('an index with too many manifests and a config with too many diff_ids are capped the same way', () => {
    const problems: Problem[] = [];
    const manifests = Array.from({ length: MAX_DESCRIPTORS + 5 }, () => ({ mediaType: 'x', digest: `sha256:${HEX}`, size: 1 }));
    expect(parseIndex({ schemaVersion: 2, manifests }, 'index.json', problems).manifests).toHaveLength(MAX_DESCRIPTORS);
    const diffIds = Array(MAX_DESCRIPTORS + 1).fill(`sha256:${HEX}`);
    expect(parseConfig({ architecture: 'a', os: 'o', rootfs: { type: 'layers', diff_ids: diffIds } }, 'cfg', problems).diffIds).toHaveLength(MAX_DESCRIPTORS);
    expect(problems.map((p) => p.message)).toEqual([
      `"manifests" lists ${MAX_DESCRIPTORS + 5} descriptors, more than the limit of ${MAX_DESCRIPTORS}; only the first ${MAX_DESCRIPTORS} are read`,
      `"rootfs.diff_ids" lists ${MAX_DESCRIPTORS + 1} layers, more than the limit of ${MAX_DESCRIPTORS}; only the first ${MAX_DESCRIPTORS} are read`,
    ]);
  });
});

describe('values of the wrong kind get a clean message', () => {
  it.each([
    [{ toString: 1 }, 'an object'],
    [{ valueOf: 'x', toString: null }, 'an object'],
    [['sha256:x'], 'a list'],
    [12, '12'],
    [undefined, 'missing'],
  ])('digest %j', (digest, shown) => {
    const problems: Problem[] = [];
    expect(() => parseDescriptor({ mediaType: 'x', digest, size: 1 }, 'd', problems)).not.toThrow();
    expect(problems).toEqual([{ severity: 'error', where: 'd', message: `digest ${shown} is not a sha256 digest (expected "sha256:" + 64 lowercase hex); the blob it names is not looked up` }]);
  });

  it('diff_ids, rootfs.type, size and schemaVersion that are objects', () => {
    const problems: Problem[] = [];
    const evil = { toString: 1 };
    parseConfig({ architecture: 'a', os: 'o', rootfs: { type: evil, diff_ids: [evil] } }, 'cfg', problems);
    parseDescriptor({ mediaType: 'x', digest: `sha256:${HEX}`, size: evil }, 'd', problems);
    parseIndex({ schemaVersion: evil, manifests: [] }, 'i', problems);
    expect(problems.map((p) => p.message)).toEqual([
      '"rootfs.type" is an object, expected "layers"',
      'an object is not a sha256 digest; this layer\'s content cannot be verified',
      '"size" an object is not a non-negative safe integer',
      '"schemaVersion" is an object, expected 2',
    ]);
  });
});
