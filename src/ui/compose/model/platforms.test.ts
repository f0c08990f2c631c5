import { describe, expect, it } from 'vitest';
import type { FsEntry } from '../../../core/fs/entry.ts';
import { emptyComposition, newPlatform, type Composition } from './composition.ts';
import { addEntries } from './edits.ts';
import { fromPlatformView, layersFor, platformFilesDiffer, platformView, setPerPlatform } from './platforms.ts';
import { composerTree } from './stack.ts';
import { toImageSpecs } from './to-spec.ts';

const file = (path: string, size = 3): FsEntry => ({ path, type: 'file', mode: 0o755, uid: 0, gid: 0, size });

function twoPlatforms(): Composition {
  const c = emptyComposition();
  c.platforms = [newPlatform('linux', 'amd64'), newPlatform('linux', 'arm64', 'v8')];
  c.layers = addEntries(c.layers, 0, [file('etc/motd')]);
  c.layers = [...c.layers, { ...c.layers[0], id: 'apps', entries: {}, deleted: [], revision: 0 }];
  c.layers[1] = setPerPlatform(c.layers[1], c.platforms, true, c.platforms[0].id);
  return c;
}

/** Adds `entry` to layer `index` as platform `id` sees it, written back as the store does. */
function addAs(c: Composition, id: string, index: number, entry: FsEntry): Composition {
  const view = platformView(c, id);
  return { ...c, layers: fromPlatformView(c.layers, id, addEntries(view.layers, index, [entry])) };
}

describe('platforms', () => {
  it('a per-platform layer holds each platform\'s own files; shared layers are the same for all', () => {
    let c = twoPlatforms();
    const [amd, arm] = c.platforms;
    c = addAs(c, amd.id, 1, file('app', 10));
    c = addAs(c, arm.id, 1, file('app', 20));
    c = addAs(c, arm.id, 0, file('etc/shared'));
    expect(layersFor(c.layers, amd.id)[1].entries.app.size).toBe(10);
    expect(layersFor(c.layers, arm.id)[1].entries.app.size).toBe(20);
    expect(Object.keys(layersFor(c.layers, amd.id)[0].entries).sort()).toEqual(['etc/motd', 'etc/shared']);
    expect(layersFor(c.layers, amd.id)).toBe(layersFor(c.layers, amd.id));
    const app = (id: string) => composerTree(platformView(c, id)).find((n) => n.name === 'app');
    expect([app(amd.id)?.size, app(arm.id)?.size]).toEqual([10, 20]);
    expect(platformFilesDiffer(c.layers[1])).toBe(true);
    const shared = setPerPlatform(c.layers[1], c.platforms, false, arm.id);
    expect(shared.perPlatform).toBeUndefined();
    expect(shared.entries.app.size).toBe(20);
  });

  it('gives one spec per platform, sharing layers, with each platform\'s config overrides', () => {
    const c = twoPlatforms();
    c.config = { ...c.config, cmd: '["/app"]', env: 'A=1' };
    c.platforms[1] = { ...c.platforms[1], overrides: { env: 'A=2' } };
    const specs = toImageSpecs(c).map(({ result }) => result);
    expect(specs.every((r) => !r.hasErrors)).toBe(true);
    expect(specs.map((r) => [r.spec.platform, r.spec.config.Env, r.spec.config.Cmd])).toEqual([
      [{ os: 'linux', architecture: 'amd64' }, ['A=1'], ['/app']],
      [{ os: 'linux', architecture: 'arm64', variant: 'v8' }, ['A=2'], ['/app']],
    ]);
  });

  it('refuses the same platform twice', () => {
    const c = twoPlatforms();
    c.platforms[1] = { ...c.platforms[1], architecture: 'amd64', variant: '' };
    expect(toImageSpecs(c)[1].result.problems.platform?.[0].message).toMatch(/linux\/amd64 is listed twice/);
  });
});
