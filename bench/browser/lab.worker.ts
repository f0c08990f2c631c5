// Worker side of the lab page: builds the benchmark layer and the determinism sample with the
// same core calls the app's engine worker uses. Archive checksums use WebCrypto, an
// implementation independent of the engine's own hash-wasm, so a comparison with Node means something.
import { expose } from 'comlink';
import { buildLayer } from '../../src/core/build/layer.ts';
import { buildImage } from '../../src/core/build/image.ts';
import { writeOciLayoutZip } from '../../src/core/formats/oci-zip/write.ts';
import { writeImageTar } from '../../src/core/formats/image-tar/write.ts';
import { mixedEntries } from '../mixed-content.ts';
import { sampleImageSpec } from '../sample-image.ts';

async function sha256Hex(blob: Blob): Promise<string> {
  const digest = await crypto.subtle.digest('SHA-256', await blob.arrayBuffer());
  return Array.from(new Uint8Array(digest), (b) => b.toString(16).padStart(2, '0')).join('');
}

const api = {
  async benchLayer(totalBytes: number, seed: number) {
    const entries = mixedEntries(totalBytes, seed);
    const start = performance.now();
    const layer = await buildLayer({ kind: 'entries', entries }, { created: '1970-01-01T00:00:00Z' });
    const ms = performance.now() - start;
    return { ms, tarSize: layer.tarSize!, diffId: layer.diffId, digest: layer.descriptor.digest, size: layer.descriptor.size };
  },
  async buildSample() {
    const image = await buildImage(sampleImageSpec());
    const zip = await writeOciLayoutZip(image);
    const tar = await writeImageTar(image);
    return {
      manifestDigest: image.manifest.descriptor.digest,
      zip: { size: zip.size, sha256: await sha256Hex(zip) },
      tar: { size: tar.size, sha256: await sha256Hex(tar) },
    };
  },
};

export type LabApi = typeof api;
expose(api);
