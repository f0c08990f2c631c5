import { describe, expect, it } from 'vitest';
import { openAsBlob } from 'node:fs';
import { diveEfficiency } from './efficiency.ts';
import type { FsEntry } from './entry.ts';
import { inspectArchive } from '../formats/open.ts';
import { listLayer } from '../inspect/layer-entries.ts';
import { peerCorpusFile } from '../../test-support/peer-corpus.ts';

const file = (path: string, size: number): FsEntry => ({ path, type: 'file', mode: 0o644, uid: 0, gid: 0, size });
const dir = (path: string): FsEntry => ({ path, type: 'dir', mode: 0o755, uid: 0, gid: 0, size: 0 });
const whiteout = (path: string): FsEntry => ({ path, type: 'whiteout', mode: 0, uid: 0, gid: 0, size: 0 });

describe('diveEfficiency on hand-made layers', () => {
  it('counts every copy of a path written twice, and a folder removed by the size of what it held', () => {
    const report = diveEfficiency([
      [dir('a'), file('a/x', 100), file('a/y', 50), file('b', 10)],
      [file('b', 30)],
      [whiteout('a')],
    ]);
    // /b: 10 + 30 (smallest 10); /a/x and /a/y once each; the whiteout of /a sizes 150 (smallest 150).
    expect(report.wastedBytes).toBe(40);
    expect(report.score).toBe((10 + 100 + 50 + 150) / (40 + 100 + 50 + 150));
    expect(report.inefficientFiles).toEqual([{ path: '/b', count: 2, bytes: 40 }]);
    expect(report.sizeBytes).toBe(190);
    expect(report.userSizeBytes).toBe(30);
  });

  it('sizes the whiteout of a file at nothing, as dive does', () => {
    const report = diveEfficiency([[file('f', 70)], [whiteout('f')]]);
    expect(report.inefficientFiles).toEqual([{ path: '/f', count: 2, bytes: 70 }]);
    expect(report.score).toBe(0 / 70);
  });

  it('stops a layer at a whiteout of something no lower layer has, counting its path at -1 (dive\'s quirk)', () => {
    const report = diveEfficiency([[file('f', 70)], [whiteout('nothing'), file('z', 5)]]);
    // The walk visits /nothing before /z, stops, and never sees /z.
    expect(report.notes).toEqual(['layer 2: the whiteout of /nothing removes nothing below it; dive stops reading that layer there']);
    expect(report.score).toBe((70 - 1) / 70);
  });

  it('scores an image with nothing in it as 1', () => {
    expect(diveEfficiency([]).score).toBe(1);
  });
});

// dive's own test image and the numbers its tests expect (dive/image/docker/image_archive_analysis_test.go
// and cmd/dive/cli/internal/command/export/export_test.go at wagoodman/dive).
const diveImage = peerCorpusFile('dive/test-docker-image.tar');

describe.skipIf(!diveImage)("dive's test-docker-image.tar", () => {
  it("gives dive's efficiency, wasted bytes, sizes and inefficient files", async () => {
    const reading = await inspectArchive(await openAsBlob(diveImage!));
    const layers: FsEntry[][] = [];
    for (const layer of reading.layers) {
      const listing = await listLayer(reading.blobs.get(layer.descriptor.sha256!)!.blob!, { declared: layer.declaredCompression });
      expect(listing.complete).toBe(true);
      layers.push(listing.entries.map((e) => e.entry));
    }
    const report = diveEfficiency(layers);
    expect(report.score).toBe(0.9844212134184309);
    expect(report.wastedBytes).toBe(32025);
    expect(report.sizeBytes).toBe(1220598);
    expect(report.userSizeBytes).toBe(66237);
    expect(report.wastedUserRatio).toBe(0.4834911001404049);
    expect(report.inefficientFiles).toEqual([
      { count: 2, bytes: 12810, path: '/root/saved.txt' },
      { count: 2, bytes: 12810, path: '/root/example/somefile1.txt' },
      { count: 2, bytes: 6405, path: '/root/example/somefile3.txt' },
    ]);
    expect(report.notes).toEqual([]);
  });
});
