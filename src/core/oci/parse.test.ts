import { describe, expect, it } from 'vitest';
import { decodeJsonDocument, findDuplicateKey, readDocumentBytes } from './parse-json.ts';
import { classifyDocument, parseDescriptor, parseIndex, parseManifest } from './parse.ts';
import { parseConfig } from './parse-config.ts';
import { parseDockerManifest } from './parse-docker.ts';
import type { Problem } from '../problem.ts';

const HEX = 'a'.repeat(64);
const enc = new TextEncoder();
const name = 'blobs/sha256/aaaaaaaaaaaa… (manifest)';

describe('untrusted JSON documents', () => {
  it('refuses an oversized document before reading it', async () => {
    let read = false;
    const huge = { size: 5 * 1024 * 1024, arrayBuffer: () => { read = true; return Promise.resolve(new ArrayBuffer(0)); } } as unknown as Blob;
    await expect(readDocumentBytes(huge, 'index.json')).rejects.toThrow('index.json: 5242880 bytes is larger than the 4194304-byte limit for JSON documents; not parsed');
    expect(read).toBe(false);
  });

  it('rejects invalid UTF-8 naming the byte offset', () => {
    const bytes = new Uint8Array([...enc.encode('{"a":"'), 0xff, ...enc.encode('"}')]);
    expect(() => decodeJsonDocument(bytes, name)).toThrow(`${name}: not valid UTF-8 (at byte 6)`);
  });

  it('rejects duplicate keys, also when escaped differently', () => {
    expect(() => decodeJsonDocument(enc.encode('{"a":1,"b":{"x":1},"\\u0061":2}'), name)).toThrow(`${name}: duplicate key "a" at character 19`);
    expect(findDuplicateKey('{"a":{"a":1},"b":[{"a":1},{"a":2}],"s":"\\"a\\""}')).toBeNull();
    expect(findDuplicateKey('['.repeat(200) + ']'.repeat(200))).toMatch(/nested deeper than 128/);
  });

  it('reports invalid JSON with the document name', () => {
    expect(() => decodeJsonDocument(enc.encode('{"a":'), 'manifest.json')).toThrow(/^manifest\.json: invalid JSON: /);
  });
});

describe('descriptors', () => {
  it('validates digests and sizes; other algorithms are unverified, never looked up', () => {
    const problems: Problem[] = [];
    const traversal = parseDescriptor({ mediaType: 'x', digest: 'sha256:../../index.json', size: 1 }, 'd1', problems);
    expect(traversal?.sha256).toBeNull();
    expect(problems[0]).toMatchObject({ severity: 'error', where: 'd1' });
    expect(problems[0].message).toMatch(/"sha256:..\/..\/index.json" is not a sha256 digest/);
    const upper = parseDescriptor({ mediaType: 'x', digest: `sha256:${HEX.toUpperCase()}`, size: 1 }, 'd2', problems);
    expect(upper?.sha256).toBeNull();
    const sha512 = parseDescriptor({ mediaType: 'x', digest: `sha512:${'b'.repeat(128)}`, size: 1 }, 'd3', problems);
    expect(sha512?.sha256).toBeNull();
    expect(problems.at(-1)).toMatchObject({ severity: 'warning', where: 'd3' });
    expect(problems.at(-1)!.message).toMatch(/other than sha256; shown unverified/);
    for (const size of [-1, 2 ** 53, 1.5, '12', null]) {
      const p: Problem[] = [];
      expect(parseDescriptor({ mediaType: 'x', digest: `sha256:${HEX}`, size }, 'd', p)?.size).toBe(-1);
      expect(p[0].message).toMatch(/"size" .* is not a non-negative safe integer/);
    }
  });
});

describe('index / manifest / config', () => {
  it('refuses a document that is both index and manifest', () => {
    const doc = { schemaVersion: 2, manifests: [], config: {}, layers: [] };
    expect(() => classifyDocument(doc, name)).toThrow(`${name}: has both "manifests" (an index) and "config"/"layers" (a manifest); refusing to guess which it is`);
    expect(() => parseManifest(doc, name, [])).toThrow(/refusing to guess/);
  });

  it('flags a mediaType contradicting the descriptor', () => {
    const problems: Problem[] = [];
    const manifest = {
      schemaVersion: 2,
      mediaType: 'application/vnd.oci.image.manifest.v1+json',
      config: { mediaType: 'application/vnd.oci.image.config.v1+json', digest: `sha256:${HEX}`, size: 2 },
      layers: [],
    };
    parseManifest(manifest, name, problems, 'application/vnd.docker.distribution.manifest.v2+json');
    expect(problems).toContainEqual({
      severity: 'error', where: name,
      message: '"mediaType" "application/vnd.oci.image.manifest.v1+json" contradicts the descriptor that points here ("application/vnd.docker.distribution.manifest.v2+json")',
    });
    expect(problems).toContainEqual({ severity: 'warning', where: name, message: 'has no layers' });
  });

  it('treats "manifests": null as empty with a warning', () => {
    const problems: Problem[] = [];
    expect(parseIndex({ schemaVersion: 2, manifests: null }, 'index.json', problems).manifests).toEqual([]);
    expect(problems).toEqual([{ severity: 'warning', where: 'index.json', message: '"manifests" is null; treated as an empty list' }]);
  });

  it('flags rootfs.type other than layers and invalid diff_ids', () => {
    const problems: Problem[] = [];
    const config = parseConfig({ architecture: 'amd64', os: 'linux', rootfs: { type: 'zfs', diff_ids: [`sha256:${HEX}`, 'md5:x'] } }, 'cfg', problems);
    expect(config.diffIds).toEqual([`sha256:${HEX}`, null]);
    expect(problems.map((p) => p.message)).toEqual([
      '"rootfs.type" is "zfs", expected "layers"',
      '"md5:x" is not a sha256 digest; this layer\'s content cannot be verified',
    ]);
  });

  it('refuses docker manifest.json paths that climb out', () => {
    const problems: Problem[] = [];
    const out = parseDockerManifest([{ Config: '../x.json', Layers: [] }, { Config: 'c.json', Layers: ['a/layer.tar', '/etc/passwd'] }], 'manifest.json', problems);
    expect(out).toEqual([{ config: 'c.json', repoTags: [], layers: ['a/layer.tar'] }]);
    expect(problems.map((p) => p.where)).toEqual(['manifest.json [0] Config', 'manifest.json [1] Layers[1]']);
  });
});
