// The inspection worker's session under Node: an archive built byte by byte is opened, its layers
// listed and merged into the views the UI renders, and files previewed through links.

import { describe, expect, it } from 'vitest';
import type { FsEntry } from '../fs/entry.ts';
import { dirEntry, fileEntry, linkEntry, ociFixture, packTar } from '../../test-support/inspect-fixtures.ts';
import { KEPT_BODY_MAX_FILE, openSession } from './session.ts';
import { gzipSync } from 'fflate';
import { archive, file as craftedFile } from '../../test-support/tar-craft.ts';
import { hiddenKey, parseTreeKey } from '../fs/tree-keys.ts';
import type { FsTreeNode } from '../fs/tree-node.ts';
import { TREE_PAGE_ROWS, TreeAssembler } from './tree-pages.ts';

const whiteout = (path: string): FsEntry => ({ path, type: 'whiteout', mode: 0, uid: 0, gid: 0, size: 0 });
const PNG = new Uint8Array([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, 0, 0, 0, 13]);

async function twoLayerImage() {
  const fixture = await ociFixture([
    { entries: [dirEntry('etc'), fileEntry('etc/motd', 'old motd\n'), fileEntry('etc/big', new Uint8Array(1000)), fileEntry('logo.png', PNG), linkEntry('etc/link', '../../../etc/motd'), linkEntry('loop', 'loop')], createdBy: 'base' },
    { entries: [fileEntry('etc/motd', 'new motd\n'), whiteout('etc/big')], createdBy: 'change' },
  ]);
  return openSession(packTar(fixture.members), 'image.tar');
}

const find = (nodes: FsTreeNode[], id: string): FsTreeNode | undefined => {
  for (const n of nodes) {
    if (n.id === id) return n;
    const found = n.children && find(n.children, id);
    if (found) return found;
  }
  return undefined;
};

describe('inspection session', () => {
  it('opens to a plain view with parsed documents and blob summaries', async () => {
    const session = await twoLayerImage();
    const view = session.view;
    expect(view.format).toBe('oci-layout');
    expect(view.layers).toHaveLength(2);
    expect((view.config?.value as { history: unknown[] }).history).toHaveLength(3);
    expect(view.blobs.filter((b) => b.role === 'layer').every((b) => b.present && b.storedSize! > 0)).toBe(true);
    expect(() => structuredClone(view)).not.toThrow();
  });

  it('lists layers with change marks, hidden entries and wasted bytes, and merges them', async () => {
    const session = await twoLayerImage();
    const fs = await session.analyse({});
    expect(() => structuredClone(fs)).not.toThrow();
    const [lower, upper] = fs.layers;
    expect(upper.rowCount).toBe(3);
    expect(session.layerRows(1, 0, upper.rowCount).map((r) => [r.tv.name, r.change])).toEqual([['etc/', 'modified'], ['etc/.wh.big', 'deleted'], ['etc/motd', 'modified']]);
    expect(session.layerRows(1, 1, 2).map((r) => r.tv.name)).toEqual(['etc/.wh.big']);
    const lowerRows = session.layerRows(0, 0, lower.rowCount);
    expect(lowerRows).toHaveLength(lower.rowCount);
    expect(lowerRows.find((r) => r.path === 'etc/big')).toMatchObject({ hiddenBy: 1, hiddenReason: 'deleted' });
    expect(session.layerRows(0, 2, 3)).toEqual([lowerRows[2]]);
    expect(lower.wastedBytes).toBe(1000 + 'old motd\n'.length);
    expect(fs.wastedTotal).toBe(lower.wastedBytes);
    // The tree and dive's efficiency come after, the tree in pages, as the page asks for them.
    expect(() => session.treeRows(0, 2)).toThrow(/not been made/);
    const efficiency = session.efficiency();
    expect(efficiency.wastedBytes).toBeGreaterThan(0);
    expect(() => structuredClone(efficiency)).not.toThrow();
    const treeRows = session.mergedTree();
    const assembled = new TreeAssembler();
    for (let at = 0; at < treeRows; at += 2) assembled.add(session.treeRows(at, at + 2));
    const tree = assembled.roots;
    expect(session.treeRows(0, treeRows + TREE_PAGE_ROWS)).toHaveLength(treeRows);
    expect(find(tree, 'etc/motd')).toMatchObject({ origin: 'L2' });
    expect(find(tree, 'etc/motd')?.hidden).toBeFalsy();
    expect(find(tree, hiddenKey(0, 'etc/motd'))).toMatchObject({ origin: 'L1', hidden: true });
    expect(find(tree, hiddenKey(0, 'etc/big'))).toMatchObject({ hidden: true, size: 1000 });
    expect(parseTreeKey(hiddenKey(0, 'etc/big'))).toEqual({ path: 'etc/big', hiddenLayer: 0 });
    expect(fs.largest[0]).toEqual({ path: 'logo.png', size: PNG.length, layer: 0 });
  });

  it('previews text, images, links resolved inside the image, and reports loops', async () => {
    const session = await twoLayerImage();
    await session.analyse({});
    expect((await session.preview({ layer: 1, path: 'etc/motd' })).content).toEqual({ kind: 'text', text: 'new motd\n', truncated: false });
    expect((await session.preview({ layer: 0, path: 'etc/motd' })).content).toMatchObject({ text: 'old motd\n' });
    expect((await session.preview({ layer: 0, path: 'logo.png' })).content).toMatchObject({ kind: 'image', mime: 'image/png' });
    const link = await session.preview({ layer: 0, path: 'etc/link' });
    expect(link.resolved).toMatchObject({ path: 'etc/motd', layer: 1, clamped: true });
    expect(link.content).toMatchObject({ text: 'new motd\n' });
    const loop = await session.preview({ layer: 0, path: 'loop' });
    expect(loop.error).toMatch(/loop/);
    expect(loop.downloadable).toBe(false);
    const download = await session.download({ layer: 0, path: 'etc/big' });
    expect(download.name).toBe('big');
    expect(download.blob.size).toBe(1000);
  });

  it('reuses the listings verification read: analyse then reads no layer bytes and gives the same view', async () => {
    const fresh = await (await twoLayerImage()).analyse({});
    const session = await twoLayerImage();
    await session.verify({});
    const progress: unknown[] = [];
    const reused = await session.analyse({ onProgress: (p) => progress.push(p) });
    expect(progress).toEqual([]);
    expect({ ...reused, analyseMs: 0 }).toEqual({ ...fresh, analyseMs: 0 });
    expect((await session.preview({ layer: 1, path: 'etc/motd' })).content).toMatchObject({ text: 'new motd\n' });
  });

  it('analyse during verification waits for that pass instead of reading the layers again', async () => {
    const fresh = await (await twoLayerImage()).analyse({});
    const session = await twoLayerImage();
    const verifyTotals = new Set<number>();
    const verifying = session.verify({ onProgress: (_, total) => verifyTotals.add(total) });
    const progress: { done: number; total: number }[] = [];
    const reused = await session.analyse({ onProgress: (p) => progress.push(p) });
    await verifying;
    expect(progress.length).toBeGreaterThan(0);
    expect(progress.every((p) => verifyTotals.has(p.total))).toBe(true); // the verification's own progress
    expect({ ...reused, analyseMs: 0 }).toEqual({ ...fresh, analyseMs: 0 });

    const again = await twoLayerImage();
    const pending = again.verify({});
    const controller = new AbortController();
    controller.abort(new DOMException('Cancelled', 'AbortError'));
    await expect(again.analyse({ signal: controller.signal })).rejects.toThrow('Cancelled');
    await pending;
  });

  it('reads the last copy of a duplicated path: kept small body, streamed large file, slice of an uncompressed layer', async () => {
    const big = 'L'.repeat(KEPT_BODY_MAX_FILE + 1);
    const crafted = archive(craftedFile('etc/motd', 'first'), craftedFile('etc/big', 'old'), craftedFile('etc/motd', 'second'), craftedFile('etc/big', big));
    const fixture = await ociFixture([
      { entries: [], encode: () => gzipSync(crafted, { mtime: 0 }) },
      { entries: [], compression: 'none', encode: () => crafted },
    ]);
    const session = await openSession(packTar(fixture.members), 'image.tar');
    await session.verify({});
    await session.analyse({});
    for (const layer of [0, 1]) {
      expect((await session.preview({ layer, path: 'etc/motd' })).content).toMatchObject({ kind: 'text', text: 'second' });
      expect((await session.preview({ layer, path: 'etc/big' })).content).toMatchObject({ kind: 'text', text: big });
      expect(await (await session.download({ layer, path: 'etc/big' })).blob.text()).toBe(big);
    }
  });
});
