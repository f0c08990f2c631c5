// The OCI image layout as a .zip: `oci-layout`, `index.json`, `blobs/sha256/<hex>`, all STORED
// (layers are gzip already), byte-identical for the same image.

import type { BuiltImage } from '../../build/built.ts';
import { ociLayoutFiles } from '../../build/layout.ts';
import { planZip, writeStoredZip, type ZipWriteOptions } from './zip.ts';

export { ZipTooLargeError, type ZipWriteOptions } from './zip.ts';

export async function writeOciLayoutZip(image: BuiltImage, opts?: ZipWriteOptions): Promise<Blob> {
  return writeStoredZip(ociLayoutFiles(image), opts);
}

/** Throws ZipTooLargeError when the image cannot be a zip; call it to decide before offering one. */
export function assertOciLayoutZipFits(image: BuiltImage): void {
  planZip(ociLayoutFiles(image).map((file) => ({ path: file.path, size: file.blob.size })));
}
