// The OCI image layout as a .zip: `oci-layout`, `index.json`, `blobs/sha256/<hex>`, all STORED
// (layers are compressed already), byte-identical for the same image.

import type { ImageIndex } from '../../image/model.ts';
import { ociLayoutFiles } from '../oci-layout/layout-files.ts';
import { planZip, writeStoredZip, type ZipWriteOptions } from './zip.ts';

export { ZipTooLargeError, type ZipWriteOptions } from './zip.ts';

export async function writeOciLayoutZip(layout: ImageIndex, opts?: ZipWriteOptions): Promise<Blob> {
  return writeStoredZip(ociLayoutFiles(layout), opts);
}

/** Throws ZipTooLargeError when the layout cannot be a zip; call it to decide before offering one. */
export function assertOciLayoutZipFits(layout: ImageIndex): void {
  planZip(ociLayoutFiles(layout).map((file) => ({ path: file.path, size: file.blob.size })));
}
