// The determinism sample (bench/sample-image.ts) built in Node: the reference every browser's
// archives must equal byte for byte. Checksums by node:crypto, not the engine's own hashing.
import { createHash } from 'node:crypto';
import { buildImage, buildIndex } from '../../src/core/build/image.ts';
import { writeOciLayoutZip } from '../../src/core/formats/oci-zip/write.ts';
import { writeImageTar } from '../../src/core/formats/image-tar/write.ts';
import { multiPlatformSampleSpecs, sampleImageSpec } from '../../bench/sample-image.ts';

async function sha256Hex(blob: Blob): Promise<string> {
  return createHash('sha256').update(new Uint8Array(await blob.arrayBuffer())).digest('hex');
}

export async function buildSampleInNode() {
  const image = await buildImage(sampleImageSpec());
  const zip = await writeOciLayoutZip(image);
  const tar = await writeImageTar(image);
  return {
    manifestDigest: image.images[0].manifest.descriptor.digest as string,
    zip: { size: zip.size, sha256: await sha256Hex(zip) },
    tar: { size: tar.size, sha256: await sha256Hex(tar) },
  };
}

export async function buildMultiSampleInNode() {
  const index = await buildIndex(multiPlatformSampleSpecs());
  const zip = await writeOciLayoutZip(index);
  const tar = await writeImageTar(index);
  return {
    indexDigest: index.imageIndex!.descriptor.digest as string,
    zip: { size: zip.size, sha256: await sha256Hex(zip) },
    tar: { size: tar.size, sha256: await sha256Hex(tar) },
  };
}
