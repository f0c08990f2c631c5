import { beforeAll, describe, expect, it } from 'vitest';
import { buildImage } from '../../../core/build/image.ts';
import { openBase, openBases, type OpenedBase } from '../../../core/edit/base.ts';
import { buildIndex } from '../../../core/build/image.ts';
import { indexImages } from '../../../core/image/assemble.ts';
import { writeOciLayoutZip } from '../../../core/formats/oci-zip/write.ts';
import { toImageSpecs } from './to-spec.ts';
import { writeImageTar } from '../../../core/formats/image-tar/write.ts';
import { inspectArchive } from '../../../core/formats/open.ts';
import { verifyImage } from '../../../core/inspect/verify.ts';
import { listLayer } from '../../../core/inspect/layer-entries.ts';
import { mergeLayers } from '../../../core/fs/merge.ts';
import { file, smallSpec, symlink } from '../../../test-support/image.ts';
import type { Composition } from './composition.ts';
import { addEntries, EditError, removePaths, renamePath, restorePath, updateEntry } from './edits.ts';
import { compositionFromBases, draftFromConfig, editedName } from './from-base.ts';
import { platformView } from './platforms.ts';
import { composerTree, layerEntries } from './stack.ts';
import { toImageSpec } from './to-spec.ts';

let opened: OpenedBase;
const dir = (path: string) => ({ path, type: 'dir' as const, mode: 0o700, uid: 0, gid: 0, size: 0 });

beforeAll(async () => {
  const spec = smallSpec({
    config: { Env: ['PATH=/bin', 'NOTE=a # not a comment', 'QUOTED="x"'], Entrypoint: ['/bin/sh', '-c'], Cmd: ['echo hi'], User: '1000:1000', WorkingDir: '/srv', ExposedPorts: { '80/tcp': {} }, Labels: { a: 'b=c' }, Volumes: { '/data': {} }, StopSignal: 'SIGINT' },
    annotations: { 'org.opencontainers.image.title': 'base' },
  });
  spec.layers[0] = { kind: 'entries', createdBy: 'COPY . /', entries: [file('etc/motd', 'hello\n'), symlink('bin/sh', 'busybox'), file('bin/busybox', 'bb', 0o755)] };
  opened = await openBase(await writeImageTar(await buildImage(spec)), 'base.tar');
});

const start = (): Composition => compositionFromBases([opened]);

describe('a composition that edits a base image', () => {
  it('starts from the base config: every form parses back to the value the base holds', () => {
    const c = start();
    const { spec, hasErrors } = toImageSpec(c);
    expect(hasErrors).toBe(false);
    const runtime = opened.image.config.value.config!;
    expect(spec.config).toEqual({ ...runtime, ArgsEscaped: undefined });
    expect(spec.annotations).toEqual({ 'org.opencontainers.image.title': 'base' });
    expect(c.name).toBe('example.com/team/app:1.0-edited');
    expect(spec.base).toBe(opened.image);
    expect(c.platforms.map((p) => [p.os, p.architecture, p.overrides])).toEqual([['linux', 'amd64', {}]]);
    expect(draftFromConfig({ Env: ['A= spaced '] }, undefined).env).toBe("A=' spaced '");
  });

  it('names the edit after the base, with a changed tag', () => {
    expect(editedName(['busybox:1.36'])).toBe('busybox:1.36-edited');
    expect(editedName(['docker.io/library/alpine'])).toBe('alpine:latest-edited');
    expect(editedName([])).toBe('edited:latest');
  });

  it('shows base files tagged by their base layer, and new files marked added above them', () => {
    const c = start();
    c.layers = addEntries(c.layers, 0, [file('etc/motd2', 'new\n')]);
    const etc = composerTree(platformView(c, null)).find((n) => n.name === 'etc')!;
    expect(etc.children!.map((n) => [n.name, n.origin, n.mark])).toEqual([['motd', 'base L1', undefined], ['motd2', 'L3', 'added']]);
  });

  it('deleting a base file writes a deletion in the active layer, shown struck through, and can be restored', () => {
    const c = start();
    c.layers = removePaths(c.layers, ['bin/sh'], null, { base: c.platforms[0].base, active: 0 });
    expect(c.layers[0].deleted).toEqual(['bin/sh']);
    expect(layerEntries(c.layers[0])).toEqual([{ path: 'bin/sh', type: 'whiteout', mode: 0o644, uid: 0, gid: 0, size: 0 }]);
    const sh = composerTree(platformView(c, null)).find((n) => n.name === 'bin')!.children!.find((n) => n.name === 'sh')!;
    expect(sh).toMatchObject({ hidden: true, mark: 'deleted', origin: 'base L1' });
    expect(restorePath(c.layers, 'bin/sh')[0].deleted).toEqual([]);
  });

  it('a base folder deleted and made again becomes an opaque folder: its old contents stay hidden', () => {
    const c = start();
    c.layers = removePaths(c.layers, ['etc'], null, { base: c.platforms[0].base, active: 0 });
    c.layers = addEntries(c.layers, 0, [dir('etc'), file('etc/fresh', 'x')]);
    expect(layerEntries(c.layers[0]).map((e) => [e.path, e.type])).toEqual([['etc', 'dir'], ['etc/fresh', 'file'], ['etc', 'opaque']]);
    const etc = composerTree(platformView(c, null)).find((n) => n.name === 'etc')!;
    expect(etc.children!.map((n) => [n.name, !!n.hidden])).toEqual([['fresh', false], ['motd', true]]);
  });

  it('refuses to rename base paths; copies a base folder up to change it; a base file needs its bytes first', () => {
    const c = start();
    expect(() => renamePath(c.layers, 'etc/motd', 'motd.old', c.platforms[0].base)).toThrow(EditError);
    const changed = updateEntry(c.layers, 'bin', 0, { mode: 0o700 }, c.platforms[0].base);
    expect(changed[0].entries.bin).toMatchObject({ type: 'dir', mode: 0o700 });
    expect(() => updateEntry(c.layers, 'etc/motd', 0, { mode: 0o600 }, c.platforms[0].base)).toThrow(/must be read from the base/);
    const withBytes = updateEntry(c.layers, 'etc/motd', 0, { mode: 0o600, content: new Blob(['hello\n']), size: 6 }, c.platforms[0].base);
    expect(withBytes[0].entries['etc/motd']).toMatchObject({ type: 'file', mode: 0o600, size: 6 });
  });

  it('builds the base layers byte for byte plus the new layer, which a reader merges as the tree showed', async () => {
    const c = start();
    c.layers = removePaths(c.layers, ['bin/sh'], null, { base: c.platforms[0].base, active: 0 });
    c.layers = addEntries(c.layers, 0, [file('etc/motd2', 'new\n')]);
    const built = await buildImage(toImageSpec(c).spec);
    const image = built.images[0];
    expect(image.layers.slice(0, 2)).toEqual(opened.image.layers);
    const reading = await inspectArchive(await writeImageTar(built));
    const report = await verifyImage(reading);
    expect(report.layers.map((l) => l.status)).toEqual(['verified', 'verified', 'verified']);
    const listings = await Promise.all(reading.layers.map((l) => listLayer(reading.blobs.get(l.descriptor.sha256!)!.blob!, { declared: l.declaredCompression })));
    const fs = mergeLayers(listings.map((l) => l.entries.map((e) => e.entry)));
    expect(fs.lookup('bin/sh')).toBeUndefined();
    expect(fs.lookup('bin/busybox')).toBeDefined();
    expect(fs.lookup('etc/motd2')?.layer).toBe(2);
  });
});

describe('editing a multi-platform image', () => {
  it('opens every platform, each on its own base; where a config differs it becomes that platform\'s own', async () => {
    const amd = (await buildImage(smallSpec())).images[0];
    const arm = (await buildImage(smallSpec({ platform: { os: 'linux', architecture: 'arm64' }, config: { Env: ['PATH=/bin'], Cmd: ['/bin/arm-true'] } }))).images[0];
    const bases = await openBases(await writeOciLayoutZip(await indexImages([amd, arm], 'multi:1')), 'multi.zip');
    expect(bases.map((b) => b.source.platform)).toEqual(['linux/amd64', 'linux/arm64']);
    const c = compositionFromBases(bases);
    expect(c.platforms.map((p) => [p.os, p.architecture, p.overrides, p.base?.source.otherPlatforms])).toEqual([
      ['linux', 'amd64', {}, []],
      ['linux', 'arm64', { cmd: '["/bin/arm-true"]' }, []],
    ]);
    c.layers = addEntries(c.layers, 0, [file('added.txt', 'new')]);
    const built = await buildIndex(toImageSpecs(c).map(({ result }) => result.spec));
    expect(built.images.map((i) => i.config.value.architecture)).toEqual(['amd64', 'arm64']);
    const named = (layers: readonly { descriptor: unknown; diffId: string }[]) => layers.map((l) => [l.descriptor, l.diffId]);
    expect(named(built.images[0].layers.slice(0, 2))).toEqual(named(amd.layers));
    expect(named(built.images[1].layers.slice(0, 2))).toEqual(named(arm.layers));
    expect(built.images[0].layers[2].descriptor).toEqual(built.images[1].layers[2].descriptor);
    expect(built.images[1].config.value.config?.Cmd).toEqual(['/bin/arm-true']);
  });
});
