import { describe, expect, it } from 'vitest';
import { buildIndex } from '../build/image.ts';
import type { ImageSpec } from '../build/spec.ts';
import { indexImages } from './assemble.ts';
import { digestChanges } from './digest-changes.ts';
import { explainChain } from './digest-chain.ts';
import { recompressImage } from '../build/recompress.ts';
import type { FsEntry } from '../fs/entry.ts';

const file = (path: string, text: string): FsEntry => {
  const content = new Blob([text]);
  return { path, type: 'file', mode: 0o644, uid: 0, gid: 0, size: content.size, content };
};
const spec = (motd: string, env: string[], extra?: FsEntry): ImageSpec => ({
  platform: { os: 'linux', architecture: 'amd64' },
  config: { Env: env },
  name: 'app:1',
  layers: [
    { kind: 'entries', entries: [file('bin/tool', 'tool')], createdBy: 'base' },
    { kind: 'entries', entries: [file('etc/motd', motd), ...(extra ? [extra] : [])], createdBy: 'motd' },
  ],
});

describe('digestChanges and explainChain', () => {
  it('a file edit changes that layer\'s diff_id and digest, the config, the manifest and index.json, and nothing else', async () => {
    const before = await buildIndex([spec('one', ['A=1'])]);
    const after = await buildIndex([spec('two', ['A=1'])]);
    const changes = digestChanges(before, after);
    expect(changes.map((c) => c.label)).toEqual(['L2 diff_id', 'L2 digest', 'config', 'manifest', 'index.json']);
    expect(changes[0]).toMatchObject({ before: before.images[0].layers[1].diffId, after: after.images[0].layers[1].diffId });
    const chain = explainChain(before, after, 0, [{ layer: 1, paths: ['etc/motd'] }]);
    expect(chain.map((s) => [s.id, s.changed])).toEqual([
      ['files', true], ['tar', true], ['diff_id', true], ['compression', true], ['layer digest', true], ['config', true], ['manifest', true], ['index', true],
    ]);
    expect(chain[0].why).toBe('You changed /etc/motd in L2.');
    expect(chain[1].why).toBe('L2 has a new tar; L1 kept every byte.');
    expect(chain[3].title).toBe('gzip');
    expect(chain[5].why).toBe("The config changed: it lists the diff_ids, and L2's changed.");
  });

  it('an Env edit changes the config, the manifest and index.json only, and says every layer is untouched', async () => {
    const before = await buildIndex([spec('one', ['A=1'])]);
    const after = await buildIndex([spec('one', ['A=2'])]);
    expect(digestChanges(before, after).map((c) => c.label)).toEqual(['config', 'manifest', 'index.json']);
    const chain = explainChain(before, after, 0);
    expect(chain.map((s) => s.changed)).toEqual([false, false, false, false, false, true, true, true]);
    expect(chain[1].why).toBe('No tar changed: a config edit (config.Env) leaves every layer untouched.');
    expect(chain[5].why).toBe('The config changed: config.Env changed.');
  });

  it('recompressing changes layer digests and the manifest but no diff_id and not the config', async () => {
    const before = await buildIndex([spec('one', ['A=1'])]);
    const image = await recompressImage(before.images[0], 'zstd');
    const after = await indexImages([image], before.name);
    expect(digestChanges(before, after).map((c) => c.label)).toEqual(['L1 digest', 'L2 digest', 'manifest', 'index.json']);
    const chain = explainChain(before, after, 0);
    expect(chain.find((s) => s.id === 'diff_id')).toMatchObject({ changed: false });
    expect(chain.find((s) => s.id === 'compression')?.why).toBe('Recompressed (L1 gzip → zstd, L2 gzip → zstd): the same tar, so the same diff_id, but different compressed bytes.');
    expect(chain.find((s) => s.id === 'config')?.why).toContain('recompressing leaves it alone');
  });

  it('names a layer that appears as new, and one that goes as gone', async () => {
    const one = await buildIndex([spec('one', [])]);
    const fewer = await buildIndex([{ ...spec('one', []), layers: spec('one', []).layers.slice(0, 1) }]);
    const changes = digestChanges(one, fewer);
    expect(changes.filter((c) => c.after === undefined).map((c) => c.label)).toEqual(['L2 diff_id', 'L2 digest']);
    expect(digestChanges(fewer, one).filter((c) => c.before === undefined).map((c) => c.label)).toEqual(['L2 diff_id', 'L2 digest']);
  });

  it('with several platforms, keys and labels name the platform and the image index is a link of its own', async () => {
    const arm = (s: ImageSpec): ImageSpec => ({ ...s, platform: { os: 'linux', architecture: 'arm64' } });
    const before = await buildIndex([spec('one', ['A=1']), arm(spec('one', ['A=1']))]);
    const after = await buildIndex([spec('one', ['A=1']), arm(spec('one', ['A=2']))]);
    expect(digestChanges(before, after).map((c) => c.label)).toEqual(['config (linux/arm64)', 'manifest (linux/arm64)', 'image index', 'index.json']);
  });

  it('without an earlier build only describes each link', async () => {
    const after = await buildIndex([spec('one', [])]);
    expect(explainChain(undefined, after, 0).every((s) => s.changed === null)).toBe(true);
  });
});
