// Every blob the selected image names: its full digest as text, what it is, its size (declared
// and stored), media type explained, and whether it verified, with expected vs actual on a
// mismatch. Each is the target of digest links elsewhere (#blob-<hex>).

import { ByteSize } from '../../shared/ByteSize.tsx';
import { DigestText } from '../../shared/DigestText.tsx';
import { Explainer, SPEC } from '../../shared/Explainer.tsx';
import { useInspector } from '../store.ts';
import type { ImageView } from '../../../core/inspect/views.ts';
import { blobAnchor, docAnchor, namedBlobs } from './blob-index.ts';
import { describeMediaType } from './media-types.ts';
import { VerifyBadge } from './VerifyBadge.tsx';

export function BlobList({ view }: { view: ImageView }) {
  const results = useInspector((s) => s.verify.blobs);
  const stored = new Map(view.blobs.map((b) => [b.digest as string, b]));
  const blobs = namedBlobs(view);
  const documents = new Set([view.manifest?.digest, view.config?.digest].filter(Boolean) as string[]);
  return (
    <section className="panel" aria-labelledby="blobs-heading">
      <div className="panel-head">
        <h2 id="blobs-heading">Blobs ({blobs.length})</h2>
        <Explainer topic="a blob" specHref={SPEC.descriptor} alignEnd>
          Every file of an image is a blob named by the SHA-256 of its bytes. A descriptor (media type, digest, size) points to it; verifying means hashing the bytes and comparing.
        </Explainer>
      </div>
      <ol className="blob-list">
        {blobs.map(({ digest, descriptor, label }) => {
          const result = results[digest];
          const blob = descriptor.sha256 ? stored.get(descriptor.sha256) : undefined;
          const media = describeMediaType(descriptor.mediaType);
          const status = result?.status ?? (blob && !blob.present ? 'missing' : 'pending');
          return (
            <li key={digest} id={blobAnchor(digest)} className={`blob blob-${status}`} data-digest={digest}>
              <div className="blob-head">
                <span className="blob-label">{label}</span>
                <VerifyBadge status={status} title={result?.message} />
                <span className="muted"><ByteSize bytes={descriptor.size} /></span>
                {documents.has(digest) && <a href={`#${docAnchor(digest)}`} className="small-link">JSON</a>}
              </div>
              <DigestText digest={digest} label={`${label} digest`} full />
              <div className="blob-media">
                <span className={media.known ? 'media-type' : 'media-type unknown'} title={descriptor.mediaType}>{media.name}</span>
                <span className="muted"> — {media.about}</span>
              </div>
              {blob?.path && <div className="muted small">stored at <code>{blob.path}</code>{blob.viaLinks && <> via {blob.viaLinks.join(' → ')}</>}</div>}
              {status === 'missing' && <p className="blob-problem">Not included in the archive: nothing to verify. A registry would have to supply it.</p>}
              {result && result.status !== 'verified' && result.status !== 'missing' && (
                <div className="blob-problem">
                  <p>{result.message}</p>
                  {result.status === 'mismatch' && (
                    <dl className="facts">
                      <dt>expected</dt>
                      <dd><DigestText digest={result.expected.digest} label="Expected digest" full /> · <ByteSize bytes={result.expected.size} /></dd>
                      <dt>actual</dt>
                      <dd>{result.actual?.digest ? <DigestText digest={result.actual.digest} label="Actual digest" full /> : 'not hashed'} · {result.actual ? <ByteSize bytes={result.actual.size} /> : '—'}</dd>
                    </dl>
                  )}
                </div>
              )}
            </li>
          );
        })}
      </ol>
    </section>
  );
}
