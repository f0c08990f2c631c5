// The image as a diagram, read left to right: the archive's entry point (index.json and/or
// Docker's manifest.json) -> the manifest(s) -> the selected manifest's config and layers. Each
// box names its blob by digest (linked to the blob list), size and verification status.

import type { ReactNode } from 'react';
import { ByteSize } from '../../shared/ByteSize.tsx';
import { count } from '../../shared/format.ts';
import { DigestText } from '../../shared/DigestText.tsx';
import { Explainer, SPEC } from '../../shared/Explainer.tsx';
import type { ParsedDescriptor } from '../../../core/oci/parse.ts';
import type { ImageView, VerifyStatus } from '../../../core/inspect/views.ts';
import { useInspector } from '../store.ts';
import { blobHref, docAnchor, platformText } from './blob-index.ts';
import { describeMediaType } from './media-types.ts';
import { VerifyBadge } from './VerifyBadge.tsx';

function Box({ title, descriptor, children, selected, status }: { title: ReactNode; descriptor?: ParsedDescriptor; children?: ReactNode; selected?: boolean; status?: VerifyStatus | 'pending' }) {
  return (
    <div className={`diagram-box${selected ? ' is-selected' : ''}`}>
      <div className="diagram-title">{title}{status && <VerifyBadge status={status} />}</div>
      {descriptor && (
        <>
          <div className="muted small" title={descriptor.mediaType}>{describeMediaType(descriptor.mediaType).name}</div>
          <div className="row"><DigestText digest={descriptor.digest} href={blobHref(descriptor.digest)} /><ByteSize bytes={descriptor.size} /></div>
        </>
      )}
      {children}
    </div>
  );
}

export function StructureDiagram({ view }: { view: ImageView }) {
  const results = useInspector((s) => s.verify.blobs);
  const statusOf = (d?: ParsedDescriptor): VerifyStatus | 'pending' | undefined => {
    if (!d) return undefined;
    const stored = d.sha256 ? view.blobs.find((b) => b.digest === d.sha256) : undefined;
    return results[d.digest]?.status ?? (stored && !stored.present ? 'missing' : 'pending');
  };
  const configDescriptor = view.config?.descriptor;
  return (
    <section className="panel" aria-labelledby="diagram-heading">
      <div className="panel-head">
        <h2 id="diagram-heading">How this image is built</h2>
        <Explainer topic="the structure of an image" specHref={SPEC.layout} alignEnd>
          An image is JSON that points to other blobs by digest: an index lists manifests (one per platform), a manifest names one config and the layers in order, and the config says how to run it.
        </Explainer>
      </div>
      <div className="diagram" role="list" aria-label="Image structure">
        <div className="diagram-column" role="listitem">
          <div className="diagram-heading">Entry point</div>
          {view.pulledFrom && (
            <Box title={<span className="ellipsis" title={view.pulledFrom.reference}>{view.pulledFrom.reference}</span>}>
              <div className="muted small">a registry reference: it names {view.index ? 'an index' : 'a manifest'} by tag or digest</div>
            </Box>
          )}
          {view.index && (
            <Box title={<a href={`#${docAnchor(view.index.digest)}`}>{view.pulledFrom ? 'index' : 'index.json'}</a>}>
              <div className="muted small">{view.pulledFrom ? 'image index' : 'OCI image layout'} · {view.index.value && typeof view.index.value === 'object' && 'manifests' in view.index.value ? count(view.manifests.length, 'manifest') : ''}</div>
            </Box>
          )}
          {view.dockerManifest && (
            <Box title={<a href={`#${docAnchor(view.dockerManifest.digest)}`}>manifest.json</a>}>
              <div className="muted small">docker save's own list: config + layer paths{view.names.length ? ` · ${view.names.join(', ')}` : ''}</div>
            </Box>
          )}
        </div>
        <div className="diagram-arrow" aria-hidden="true">→</div>
        <div className="diagram-column" role="listitem">
          <div className="diagram-heading">
            Manifest{view.manifests.length === 1 ? '' : 's'}{' '}
            <Explainer topic="a manifest" specHref={SPEC.manifest}>A manifest names the config and every layer by digest, size and media type. Its own digest is the image's identity.</Explainer>
          </div>
          {view.manifests.length === 0 && <Box title="no manifest"><p className="muted small">{view.format === 'docker-save-legacy' ? 'A legacy docker save has no manifest blob; manifest.json points at the config and layers directly.' : 'No manifest could be read.'}</p></Box>}
          {view.manifests.map((m) => (
            <Box key={m.descriptor.digest} title={`${m.nestedIndex ? 'index' : m.attestation ? 'attestation' : 'manifest'}${m.platform ? ` ${platformText(m.platform)}` : ''}`} descriptor={m.descriptor} selected={m.descriptor.digest === view.selected} status={statusOf(m.descriptor)} />
          ))}
        </div>
        <div className="diagram-arrow" aria-hidden="true">→</div>
        <div className="diagram-column" role="listitem">
          <div className="diagram-heading">
            Config{' '}
            <Explainer topic="a config" specHref={SPEC.config}>The config holds how to run the image (Entrypoint, Cmd, Env, User…), the diff_id of each layer, and the history of how it was built.</Explainer>
          </div>
          {configDescriptor ? <Box title={<a href={`#${docAnchor(view.config!.digest)}`}>config</a>} descriptor={configDescriptor} status={statusOf(configDescriptor)} /> : view.config ? <Box title="config"><DigestText digest={view.config.digest} /></Box> : <Box title="no config" />}
          <div className="diagram-heading">
            Layers ({view.layers.length}){' '}
            <Explainer topic="diff_id and digest" specHref={SPEC.layer}>
              A layer's digest is the SHA-256 of the blob as stored (usually compressed); the manifest lists it. Its diff_id is the SHA-256 of the uncompressed tar; the config lists it. They differ because compression changes the bytes, and the same tar can be compressed in many ways.
            </Explainer>
          </div>
          {view.layers.map((layer) => (
            <Box key={layer.index} title={`L${layer.index + 1}`} descriptor={layer.descriptor} status={statusOf(layer.descriptor)}>
              {layer.history?.createdBy && <div className="mono small ellipsis" title={layer.history.createdBy}>{layer.history.createdBy}</div>}
            </Box>
          ))}
        </div>
      </div>
    </section>
  );
}
