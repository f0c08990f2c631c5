// Build -> write -> inspect -> verify: what Layerpad writes, Layerpad reads back as the same
// image, every blob and diff_id verified, every layer listing equal to the spec's entries.

import { describe, expect, it } from 'vitest';
import { buildImage } from '../build/image.ts';
import { writeImageTar } from '../formats/image-tar/write.ts';
import { writeOciLayoutZip } from '../formats/oci-zip/write.ts';
import { smallSpec } from '../../test-support/image.ts';
import { inspectArchive } from '../formats/open.ts';
import { verifyImage } from './verify.ts';
import { listLayer } from './layer-entries.ts';
import { mergeLayers } from '../fs/merge.ts';

describe('round trip through our own writers', async () => {
  const spec = smallSpec();
  const built = await buildImage(spec);
  for (const [label, write] of [['image tar', writeImageTar], ['OCI layout zip', writeOciLayoutZip]] as const) {
    it(`${label}: inspect finds the built image and verifies everything`, async () => {
      const image = await inspectArchive(await write(built));
      expect(image.problems.filter((p) => p.severity === 'error')).toEqual([]);
      expect(image.selected).toBe(built.images[0].manifest.descriptor.digest);
      expect(image.format).toBe(label === 'image tar' ? 'docker-save-oci' : 'oci-layout');
      expect(image.layers.map((l) => [l.descriptor.sha256, l.diffId, l.history?.createdBy]))
        .toEqual(built.images[0].layers.map((l, i) => [l.descriptor.digest, l.diffId, spec.layers[i].createdBy]));
      const report = await verifyImage(image);
      expect([...report.blobs.values()].map((b) => b.status)).toEqual(['verified', 'verified', 'verified', 'verified']);
      expect(report.layers.map((l) => l.status)).toEqual(['verified', 'verified']);

      const listings = await Promise.all(image.layers.map((l) => listLayer(image.blobs.get(l.descriptor.sha256!)!.blob!, { declared: l.declaredCompression })));
      const fs = mergeLayers(listings.map((l) => l.entries.map((e) => e.entry)));
      expect(fs.lookup('etc/motd')).toMatchObject({ layer: 0, entry: { size: 6 } });
      expect(fs.lookup('srv/data.txt')).toMatchObject({ layer: 1, entry: { size: 10_000 } });
      expect(fs.lookup('bin/sh')?.entry).toMatchObject({ type: 'symlink', linkname: 'busybox' });
    });
  }
});
