// The image's JSON documents as stored, each digest a link to its blob, each with what it is for.

import { ByteSize } from '../../shared/ByteSize.tsx';
import { DigestText } from '../../shared/DigestText.tsx';
import { SPEC } from '../../shared/Explainer.tsx';
import { JsonDocument } from '../../shared/JsonDocument.tsx';
import type { DocumentView, ImageView } from '../../../core/inspect/views.ts';
import { blobHref, docAnchor, namedBlobs } from './blob-index.ts';

function Document({ title, doc, explain, specHref, linkable }: { title: string; doc: DocumentView; explain: string; specHref?: string; linkable: Set<string> }) {
  return (
    <section className="document" id={docAnchor(doc.digest)} aria-label={title}>
      <h3>{title} <span className="muted small">{doc.path}</span></h3>
      <p className="muted one-line">
        {explain} {specHref && <a href={specHref} target="_blank" rel="noreferrer noopener">Spec</a>}
      </p>
      <div className="facts-line">
        <DigestText digest={doc.digest} label={`${title} digest`} /> <ByteSize bytes={doc.size} />
      </div>
      <JsonDocument value={doc.value} label={`${title} JSON`} digestHref={(d) => (linkable.has(d) ? blobHref(d) : undefined)} />
    </section>
  );
}

export function Documents({ view }: { view: ImageView }) {
  // Only digests of blobs listed above link; diff_ids name uncompressed tars, which are not blobs.
  const linkable = new Set(namedBlobs(view).map((b) => b.digest));
  return (
    <section className="panel" aria-label="Documents">
      <h2>Documents</h2>
      {view.index && (view.pulledFrom
        ? <Document linkable={linkable} title="Index" doc={view.index} specHref={SPEC.index} explain="What the reference names in the registry: one manifest per platform." />
        : <Document linkable={linkable} title="index.json" doc={view.index} specHref={SPEC.index} explain="The entry point of an OCI layout: lists manifests with their platform and name." />)}
      {view.dockerManifest && <Document linkable={linkable} title="manifest.json" doc={view.dockerManifest} explain="docker save's own entry point: for each image, the config and layer paths and its tags. Not content-addressed." />}
      {view.manifest && <Document linkable={linkable} title="Manifest" doc={view.manifest} specHref={SPEC.manifest} explain="Names the config and every layer blob by digest, size and media type. Its digest identifies the image." />}
      {view.derivedManifest && <Document linkable={linkable} title="Manifest (derived)" doc={view.derivedManifest} specHref={SPEC.manifest} explain="Not in the archive: the OCI manifest that names this docker save's config and layer.tar blobs, as a push or docker load would make it." />}
      {view.config && <Document linkable={linkable} title="Config" doc={view.config} specHref={SPEC.config} explain="How to run the image and the diff_ids of the uncompressed layers, with the history that made them." />}
    </section>
  );
}
