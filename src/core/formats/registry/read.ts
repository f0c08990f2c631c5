// Reads an image from a registry into the InspectedImage model, the way the OCI-layout reader
// reads an archive: the reference names an index (flattened, one manifest selected) or a single
// manifest, then the selected manifest and its config are fetched and its layers located. Only
// documents are fetched here (bounded and hashed like any document); layers stay in the registry
// until verification, listing or a preview asks for them.

import type { Digest } from '../../digest.ts';
import { classifyDocument, parseIndex, type ParsedDescriptor } from '../../oci/parse.ts';
import { error } from '../../problem.ts';
import type { Problem } from '../../problem.ts';
import { fetchManifest } from '../../registry/manifests.ts';
import type { RegistryReference } from '../../registry/reference.ts';
import { loadJson, stripName } from '../load-json.ts';
import { chooseManifest, flattenIndex, readImage, type ReadOptions } from '../oci-layout/read.ts';
import type { InspectedImage } from '../reading.ts';
import { RegistryBlobs, type PulledBlobs } from './blobs.ts';

export interface RegistryReading {
  image: InspectedImage;
  /** The digest of the document the reference names (index or manifest). */
  topDigest: Digest;
}

/** Throws a RegistryError when the reference itself cannot be read (auth, network, unknown tag). */
export async function readRegistryImage(pulled: PulledBlobs, ref: RegistryReference, opts: ReadOptions & { signal?: AbortSignal; name: string }): Promise<RegistryReading> {
  const problems: Problem[] = [];
  const blobs = new RegistryBlobs(pulled);
  const image: InspectedImage = { format: 'registry', archiveKind: 'registry', manifests: [], layers: [], emptyHistory: [], blobs: blobs.refs, names: [opts.name], problems };
  const top = await fetchManifest(pulled.client, ref.repository, ref.reference, opts.signal);
  const path = `/v2/${ref.repository}/manifests/${ref.reference}`;
  if (top.digestDisagreement) error(problems, path, top.digestDisagreement);
  const descriptor: ParsedDescriptor = { mediaType: top.mediaType, digest: top.digest, sha256: top.digest, size: top.bytes.byteLength };
  const doc = await loadJson(new Blob([top.bytes as Uint8Array<ArrayBuffer>]), path, 'tagged document', descriptor, problems);
  if (!doc) return { image, topDigest: top.digest };

  let kind;
  try {
    kind = classifyDocument(doc.value, doc.name);
  } catch (e) {
    error(problems, doc.name, stripName((e as Error).message, doc.name));
    return { image, topDigest: top.digest };
  }
  if (kind === 'index') {
    try {
      const parsed = parseIndex(doc.value, doc.name, problems, top.mediaType || undefined);
      image.index = { path, descriptor, text: doc.text, bytes: doc.bytes, digest: doc.digest, parsed };
      image.manifests = await flattenIndex(parsed, blobs, problems);
    } catch (e) {
      error(problems, doc.name, stripName((e as Error).message, doc.name));
      return { image, topDigest: top.digest };
    }
  } else {
    // A single manifest: it is its own (only) choice, and its bytes are already here.
    const own = await blobs.get(top.digest, 'manifest');
    own.blob = new Blob([top.bytes as Uint8Array<ArrayBuffer>]);
    image.manifests = [{ descriptor, indexPath: [], attestation: false, nestedIndex: false }];
  }

  const chosen = chooseManifest(image.manifests, opts.manifest, blobs);
  if (!chosen) {
    error(problems, path, image.manifests.length === 0 ? 'the index lists no manifests' : 'no image manifest is listed in the index');
    return { image, topDigest: top.digest };
  }
  image.selected = chosen.descriptor.sha256!;
  await readImage(image, chosen.descriptor, blobs);
  for (const layer of image.layers) if (layer.descriptor.sha256) blobs.expectSize(layer.descriptor.sha256, layer.descriptor.size);
  return { image, topDigest: top.digest };
}
