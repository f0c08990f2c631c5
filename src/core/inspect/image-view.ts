// InspectedImage -> ImageView: the documents parsed from their exact text (here, not on the UI
// thread) and the blob map without its Blobs, so the view is small and plain to clone.

import { isPresent, type InspectedDocument, type InspectedImage } from '../formats/reading.ts';
import type { RawDocument } from '../image/model.ts';
import type { BlobSummary, DocumentView, ImageView } from './views.ts';

const encoder = new TextEncoder();

function documentView<T>(doc: InspectedDocument<T> | undefined): DocumentView | undefined {
  if (!doc) return undefined;
  let value: unknown;
  try {
    value = JSON.parse(doc.text);
  } catch {
    value = doc.parsed; // the reader already reported it; show what it recovered
  }
  return {
    path: doc.path,
    digest: doc.digest,
    ...(doc.descriptor ? { descriptor: doc.descriptor } : {}),
    size: encoder.encode(doc.text).byteLength,
    value,
  };
}

export function toImageView(image: InspectedImage, meta: { fileName: string; archiveEntries: number; openMs: number }): ImageView {
  const blobs: BlobSummary[] = [...image.blobs.values()].map((ref) => ({
    digest: ref.digest,
    role: ref.role,
    present: isPresent(ref),
    ...(ref.path !== undefined ? { path: ref.path } : {}),
    ...(ref.blob ? { storedSize: ref.blob.size } : {}),
    ...(ref.viaLinks?.length ? { viaLinks: ref.viaLinks } : {}),
  }));
  const config = documentView(image.config);
  return {
    ...meta,
    format: image.format,
    ...(image.formatGuessed ? { formatGuessed: true } : {}),
    archiveKind: image.archiveKind,
    ...(image.layoutVersion !== undefined ? { layoutVersion: image.layoutVersion } : {}),
    names: image.names,
    index: documentView(image.index),
    dockerManifest: documentView(image.dockerManifest),
    manifest: documentView(image.manifest),
    config: config && image.config ? { ...config, parsed: image.config.parsed } : undefined,
    manifests: image.manifests,
    selected: image.selected,
    layers: image.layers,
    emptyHistory: image.emptyHistory,
    blobs,
    problems: image.problems,
    ...(image.format === 'docker-save-legacy' && image.model && 'image' in image.model ? { derivedManifest: derivedView(image.model.image.manifest) } : {}),
    editable: !image.model ? { reasons: ['no image could be read'] } : 'reasons' in image.model ? { reasons: image.model.reasons } : true,
  };
}

function derivedView(doc: RawDocument<unknown>): DocumentView {
  return { path: '(derived, not in the archive)', digest: doc.descriptor.digest, size: doc.bytes.byteLength, value: doc.value };
}
