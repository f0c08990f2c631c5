// The files of an OCI image layout for an image index, in a fixed order, each blob once (a layer
// shared by two images, or listed twice, is one file). Both archive writers arrange exactly these.

import { hexOf, type Digest } from '../../digest.ts';
import type { ImageIndex } from '../../image/model.ts';

export interface LayoutFile {
  path: string;
  blob: Blob;
}

export const OCI_LAYOUT_JSON = '{"imageLayoutVersion":"1.0.0"}';

export function blobPath(digest: Digest): string {
  return `blobs/sha256/${hexOf(digest)}`;
}

/** `oci-layout`, `index.json`, the image index (several platforms), then per image its config,
 *  manifest and layers (first occurrence: a layer shared by platforms is stored once). */
export function ociLayoutFiles(layout: ImageIndex): LayoutFile[] {
  const files: LayoutFile[] = [
    { path: 'oci-layout', blob: new Blob([OCI_LAYOUT_JSON]) },
    { path: 'index.json', blob: bytesBlob(layout.index.bytes) },
  ];
  const seen = new Set<string>();
  const addBlob = (digest: Digest, blob: Blob) => {
    if (seen.has(digest)) return;
    seen.add(digest);
    files.push({ path: blobPath(digest), blob });
  };
  if (layout.imageIndex) addBlob(layout.imageIndex.descriptor.digest, bytesBlob(layout.imageIndex.bytes));
  for (const image of layout.images) {
    addBlob(image.config.descriptor.digest, bytesBlob(image.config.bytes));
    addBlob(image.manifest.descriptor.digest, bytesBlob(image.manifest.bytes));
    for (const layer of image.layers) addBlob(layer.descriptor.digest, layer.blob);
  }
  return files;
}

export function bytesBlob(bytes: Uint8Array): Blob {
  return new Blob([bytes as Uint8Array<ArrayBuffer>]);
}
