// The digest chain drawn as its eight links, file bytes -> layer tar -> diff_id -> compression ->
// layer digest -> config -> manifest -> index, each marked changed or the same by the last edit,
// with one sentence on why (core/image/digest-chain) and one on what the link is.

import { useMemo } from 'react';
import { explainChain } from '../../../core/image/digest-chain.ts';
import { Explainer, SPEC } from '../../shared/Explainer.tsx';
import { useComposer } from '../store/index.ts';
import { selectPlatforms, selectView } from '../store/selectors.ts';
import { useChanges } from './changes-store.ts';

export function DigestChain() {
  const { before, after, edited } = useChanges();
  const platforms = useComposer(selectPlatforms);
  const view = useComposer(selectView);
  const platform = Math.max(0, platforms.indexOf(view.platform));
  const steps = useMemo(() => (after ? explainChain(before ?? undefined, after, platform, edited) : []), [before, after, platform, edited]);
  return (
    <section className="panel digest-chain" aria-labelledby="digest-chain-heading">
      <div className="panel-head">
        <h2 id="digest-chain-heading">Digest chain</h2>
        <Explainer topic="the digest chain" specHref={SPEC.descriptor} alignEnd>
          Every blob is named by the SHA-256 of its bytes, and each document names the blobs below it by those digests. Change a byte at the bottom and every name above it changes too; change only the config and the layers keep theirs.
        </Explainer>
      </div>
      {steps.length === 0 && <p className="muted small">The chain shows once the image is built.</p>}
      <ol className="chain-steps">
        {steps.map((step) => (
          <li key={step.id} className={`chain-step${step.changed ? ' is-changed' : step.changed === false ? ' is-same' : ''}`}>
            <div className="chain-title">
              <strong>{step.title}</strong>
              {step.changed !== null && (
                <span className={`chain-state ${step.changed ? 'change-mark change-modified' : 'chain-same'}`}>
                  <span aria-hidden="true">{step.changed ? '~' : '='}</span> {step.changed ? 'changed' : 'same'}
                </span>
              )}
            </div>
            <p className="chain-why small">{step.why}</p>
            <p className="muted small chain-what">{step.what}</p>
          </li>
        ))}
      </ol>
    </section>
  );
}
