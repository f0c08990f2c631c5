// Recovery when index.json is missing or unreadable: small blobs under blobs/sha256/ are tried as
// JSON and the ones that are image manifests are offered as choices, so a broken index does not
// hide the images in the layout. Bounded in count and size; found documents are parsed again,
// properly, when selected.

import type { Digest } from '../../digest.ts';
import { MAX_DOCUMENT_BYTES } from '../../oci/parse-json.ts';
import { classifyDocument, type ParsedDescriptor } from '../../oci/parse.ts';
import type { ArchiveFiles } from '../archive.ts';
import type { ManifestChoice } from '../reading.ts';
import { warning, type ProblemSink } from '../../problem.ts';
import type { LayoutBlobs } from './blobs.ts';

const MAX_CANDIDATES = 512;
const BLOB_NAME = /^blobs\/sha256\/([0-9a-f]{64})$/;

export async function discoverManifests(files: ArchiveFiles, blobs: LayoutBlobs, problems: ProblemSink): Promise<ManifestChoice[]> {
  const candidates = files.names().filter((n) => BLOB_NAME.test(n) && (files.size(n) ?? Infinity) <= MAX_DOCUMENT_BYTES).slice(0, MAX_CANDIDATES);
  const found: ManifestChoice[] = [];
  for (const name of candidates) {
    const digest = `sha256:${BLOB_NAME.exec(name)![1]}` as Digest;
    try {
      const opened = await files.open(name);
      if (!opened) continue;
      const head = new Uint8Array(await opened.blob.slice(0, 1).arrayBuffer());
      if (head[0] !== 0x7b /* { */) continue;
      const value: unknown = JSON.parse(await opened.blob.text());
      if (classifyDocument(value, name) !== 'manifest') continue;
      const mediaType = (value as { mediaType?: unknown }).mediaType;
      const descriptor: ParsedDescriptor = { mediaType: typeof mediaType === 'string' ? mediaType : '', digest, sha256: digest, size: opened.blob.size };
      await blobs.get(digest, 'manifest');
      found.push({ descriptor, indexPath: [], attestation: false, nestedIndex: false });
    } catch {
      // not JSON, or not a manifest: just another blob
    }
  }
  if (found.length > 0) warning(problems, 'index.json', `found ${found.length} manifest(s) by scanning blobs/sha256/ instead; they are not named by any index`);
  return found;
}
