// What refers to the pulled image: signatures, SBOMs, attestations, each with its artifactType,
// found through the referrers API or the `sha256-<hex>` tag; each opens like any manifest (pulled
// by digest from the same repository).

import { useEffect } from 'react';
import type { Digest } from '../../../core/digest.ts';
import { formatReference, parseRegistryReference } from '../../../core/registry/reference.ts';
import type { ImageView } from '../../../core/inspect/views.ts';
import { ByteSize } from '../../shared/ByteSize.tsx';
import { DigestText } from '../../shared/DigestText.tsx';
import { Explainer } from '../../shared/Explainer.tsx';
import { loadReferrers, pullImage } from './pull-actions.ts';
import { usePull } from './pull-store.ts';

const SPEC_REFERRERS = 'https://github.com/opencontainers/distribution-spec/blob/main/spec.md#listing-referrers';

export function Referrers({ view }: { view: ImageView }) {
  const groups = usePull((s) => s.referrers);
  // Asked once per manifest on screen (a pull, or another platform chosen); the view passed is the
  // one of that moment, later refreshes of it (after verification) ask nothing again.
  useEffect(() => {
    if (view.selected && !groups.some((g) => g.subject === view.selected)) void loadReferrers(view);
  }, [view.selected, groups]);
  const from = view.pulledFrom!;
  const open = (digest: Digest) => {
    const reference = formatReference({ ...parseRegistryReference(from.reference), tag: undefined, digest });
    usePull.getState().setReference(reference);
    void pullImage(reference);
  };
  const subjectName = (subject: Digest) => (subject === view.selected ? 'this manifest' : 'the index');
  return (
    <section className="panel" aria-labelledby="referrers-heading">
      <div className="panel-head">
        <h2 id="referrers-heading">Referrers</h2>
        <Explainer topic="a referrer" specHref={SPEC_REFERRERS} alignEnd>
          A manifest whose subject is this image: a signature, an SBOM or an attestation, pushed beside it. Registries list them at /v2/&lt;name&gt;/referrers/&lt;digest&gt;; older ones keep an index under the tag sha256-&lt;hex&gt;.
        </Explainer>
      </div>
      {groups.map((group) => (
        <div key={group.subject}>
          <p className="muted small">
            {group.status === 'loading' && `Asking what refers to ${subjectName(group.subject)}…`}
            {group.status === 'failed' && <span className="error-text">Could not list the referrers of {subjectName(group.subject)}: {group.error}</span>}
            {group.status === 'done' && (group.referrers.length === 0
              ? `Nothing refers to ${subjectName(group.subject)}${group.via === 'none' ? ' (the registry has no referrers API and no sha256-… tag for it)' : ''}.`
              : `${group.referrers.length} refer${group.referrers.length === 1 ? 's' : ''} to ${subjectName(group.subject)}, found through ${group.via === 'api' ? 'the referrers API' : 'the sha256-… tag'}:`)}
          </p>
          {group.referrers.length > 0 && (
            <ul className="referrers-list" aria-label={`Referrers of ${subjectName(group.subject)}`}>
              {group.referrers.map((r) => (
                <li key={r.digest} className="referrer">
                  <span className="artifact-type" title="artifactType">{r.artifactType ?? '(no artifactType)'}</span>
                  <DigestText digest={r.digest} label="Referrer digest" />
                  <ByteSize bytes={r.size} />
                  <button type="button" className="small" onClick={() => open(r.digest)}>Open</button>
                </li>
              ))}
            </ul>
          )}
        </div>
      ))}
    </section>
  );
}
