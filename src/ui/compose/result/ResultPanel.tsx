// The image side: what the bytes are. Layers with diff_id and digest, then the config, manifest
// and index JSON, each digest linking to the blob it names, each with a one-line purpose. With
// several platforms: the image index's digest, and the chosen platform's image below it.

import type { RawDocument } from '../../../core/image/model.ts';
import { hexOf, type Digest } from '../../../core/digest.ts';
import { layerCompressionOf } from '../../../core/oci/media-types.ts';
import { ByteSize } from '../../shared/ByteSize.tsx';
import { DigestText } from '../../shared/DigestText.tsx';
import { Explainer, SPEC } from '../../shared/Explainer.tsx';
import { JsonDocument } from '../../shared/JsonDocument.tsx';
import { useComposer } from '../store/index.ts';
import { dockerLoadImage } from '../../../core/formats/image-tar/write.ts';
import { platformName } from '../../../core/edit/base.ts';
import { platformText } from '../model/platforms.ts';
import { selectBuildStatus, selectImage, selectPlatforms, selectView } from '../store/selectors.ts';
import { BuildStatus } from './BuildStatus.tsx';
import { Downloads } from './Downloads.tsx';
import { PushPanel } from './PushPanel.tsx';
import { OutputOptionsForm } from './OutputOptions.tsx';
import { StoreUsage } from './StoreUsage.tsx';
import { layerHistory } from './layer-history.ts';
import { WhatChanged } from '../teach/WhatChanged.tsx';
import { RecentChange } from '../teach/RecentChange.tsx';

const blobHref = (digest: string) => `#blob-${digest.slice('sha256:'.length)}`;
const compressionName = (mediaType: string) => ({ gzip: 'gzip', zstd: 'zstd', none: 'uncompressed tar' })[layerCompressionOf(mediaType) ?? 'none'];

export function ResultPanel() {
  const layout = useComposer(selectImage);
  const platforms = useComposer(selectPlatforms);
  const view = useComposer(selectView);
  const image = layout?.images[platforms.indexOf(view.platform)] ?? layout?.images[0];
  const base = view.base;
  const status = useComposer(selectBuildStatus);
  const history = image ? layerHistory(image.config.value) : [];
  const copied = new Set(base?.layers.map((l) => l.descriptor.digest));
  return (
    <section className="panel result-panel" aria-labelledby="result-heading">
      <div className="panel-head">
        <h2 id="result-heading">Image</h2>
        <Explainer topic="an image" specHref={SPEC.layout} alignEnd>
          An image is a few tarballs plus a little JSON, each blob named by the SHA-256 of its bytes: index → manifest → config + layers.
        </Explainer>
      </div>
      <BuildStatus />
      <WhatChanged />
      <Downloads />
      <PushPanel />
      <OutputOptionsForm />
      <StoreUsage />
      {layout && image && (
        <div className={status === 'ready' || status === 'building' || status === 'pending' ? undefined : 'is-stale'}>
          {!(status === 'ready' || status === 'building' || status === 'pending') && (
            <p className="stale-note">This is the last image built; it does not show the current edits yet.</p>
          )}
          {layout.imageIndex && (
            <div className="manifest-digest">
              <span className="muted">
                Index digest{' '}
                <Explainer topic="the image index" specHref={SPEC.index}>
                  One manifest per platform; this digest names them all. A registry tag points at it, and each machine pulls the manifest for its own platform.
                </Explainer>
              </span>
              <DigestText digest={layout.imageIndex.descriptor.digest} label="Index digest" full />
              <span className="muted small">
                The image tar's manifest.json (what docker load reads) names {platformName(dockerLoadImage(layout).config.value)}; the OCI index inside it names all {layout.images.length} platforms.
              </span>
            </div>
          )}
          <div className="manifest-digest">
            <span className="muted">Manifest digest{layout.imageIndex ? ` (${platformText(view.platform)}, chosen under Filesystem)` : ''}</span>
            <DigestText digest={image.manifest.descriptor.digest} label="Manifest digest" full />
            <RecentChange what="manifest" platform={platformText(view.platform)} />
          </div>
          <h3>
            Layers <span className="muted heading-note">bottom (L1) first, as the manifest lists them</span>{' '}
            <Explainer topic="diff_id and digest" specHref={SPEC.layer}>
              The diff_id is the SHA-256 of the uncompressed tar (the config lists these); the digest names the compressed blob (the manifest lists these). They differ because gzip changes the bytes.
            </Explainer>
          </h3>
          <ol className="built-layers">
            {image.layers.map((layer, i) => (
              <li key={layer.descriptor.digest + i} id={`blob-${hexOf(layer.descriptor.digest)}`} className="built-layer">
                <div className="built-layer-head">
                  <span className="layer-tag">L{i + 1}</span>
                  <span className="mono ellipsis">{history[i]}</span>
                  {copied.has(layer.descriptor.digest) && <span className="base-badge" title="copied from the base image byte for byte">base</span>}
                </div>
                <dl className="facts">
                  <dt>digest</dt>
                  <dd><DigestText digest={layer.descriptor.digest} label={`Layer L${i + 1} digest`} /><RecentChange what={`L${i + 1} digest`} platform={platformText(view.platform)} /></dd>
                  <dt>diff_id</dt>
                  <dd><DigestText digest={layer.diffId} label={`Layer L${i + 1} diff_id`} /><RecentChange what={`L${i + 1} diff_id`} platform={platformText(view.platform)} /></dd>
                  <dt>size</dt>
                  <dd><ByteSize bytes={layer.descriptor.size} /> {compressionName(layer.descriptor.mediaType)}{layer.tarSize !== undefined && layer.tarSize !== layer.descriptor.size && <> · <ByteSize bytes={layer.tarSize} /> tar</>}</dd>
                </dl>
              </li>
            ))}
          </ol>
          {layout.imageIndex && (
            <Document
              title="Image index"
              doc={layout.imageIndex}
              explain="Lists one manifest per platform, each with its platform field; index.json names this document."
              specHref={SPEC.index}
            />
          )}
          <Document
            title="index.json"
            doc={layout.index}
            anchor={false}
            explain="The entry point of an OCI layout: lists the image's manifests with their platform and name (org.opencontainers.image.ref.name)."
            specHref={SPEC.index}
          />
          <Document
            title="Manifest"
            doc={image.manifest}
            explain="Names the config and every layer blob by digest, size and media type. Its own digest identifies the image."
            specHref={SPEC.manifest}
          />
          <Document
            title="Config"
            doc={image.config}
            explain="How to run the image (Entrypoint, Cmd, Env…) and the diff_ids of the uncompressed layers, plus their history."
            specHref={SPEC.config}
          />
        </div>
      )}
    </section>
  );
}

function Document({ title, doc, explain, specHref, anchor = true }: { title: string; doc: RawDocument<unknown>; explain: string; specHref: string; anchor?: boolean }) {
  const digest = doc.descriptor.digest as Digest;
  return (
    <section className="document" id={anchor ? `blob-${hexOf(digest)}` : undefined} aria-label={`${title} document`}>
      <h3>{title}</h3>
      <p className="muted one-line">
        {explain}{' '}
        <a href={specHref} target="_blank" rel="noreferrer noopener">Spec</a>
      </p>
      <div className="facts-line">
        <DigestText digest={digest} label={`${title} descriptor digest`} /> <ByteSize bytes={doc.descriptor.size} />
      </div>
      <JsonDocument value={doc.value} label={`${title} JSON`} digestHref={blobHref} />
    </section>
  );
}
