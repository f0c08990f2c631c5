// A multi-platform image as skopeo copies one (`copy --all oci:<dir>:<tag>`): an OCI layout whose
// index.json names one image index, which lists each image's manifest with its platform.

import { createHash } from 'node:crypto';
import { mkdirSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import type { Image } from '../core/image/model.ts';
import { MediaType } from '../core/oci/media-types.ts';
import { blobPath, OCI_LAYOUT_JSON } from '../core/formats/oci-layout/layout-files.ts';

export async function writeMultiPlatformLayout(dir: string, images: readonly Image[], tag: string): Promise<void> {
  const write = async (path: string, data: Blob | Uint8Array | string) => {
    mkdirSync(dirname(join(dir, path)), { recursive: true });
    writeFileSync(join(dir, path), data instanceof Blob ? new Uint8Array(await data.arrayBuffer()) : data);
  };
  const blob = async (bytes: Uint8Array | Blob) => {
    const data = bytes instanceof Blob ? new Uint8Array(await bytes.arrayBuffer()) : bytes;
    const digest = `sha256:${createHash('sha256').update(data).digest('hex')}` as Image['manifest']['descriptor']['digest'];
    await write(blobPath(digest), data);
    return { digest, size: data.byteLength };
  };
  for (const image of images) {
    await blob(image.config.bytes);
    await blob(image.manifest.bytes);
    for (const layer of image.layers) await blob(layer.blob);
  }
  const index = new TextEncoder().encode(JSON.stringify({
    schemaVersion: 2,
    mediaType: MediaType.ociIndex,
    manifests: images.map((image) => ({
      ...image.manifest.descriptor,
      platform: { architecture: image.config.value.architecture, os: image.config.value.os },
    })),
  }));
  const { digest, size } = await blob(index);
  await write('oci-layout', OCI_LAYOUT_JSON);
  await write('index.json', JSON.stringify({
    schemaVersion: 2,
    manifests: [{ mediaType: MediaType.ociIndex, digest, size, annotations: { 'org.opencontainers.image.ref.name': tag } }],
  }));
}
