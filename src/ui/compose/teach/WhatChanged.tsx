// The region "What changed": every digest the last edit changed, its old and new full values,
// in chain order (layers, config, manifest, index), until the next edit. Under it, a line on
// what that means; the chain below explains each link.

import { useEffect } from 'react';
import { DigestText } from '../../shared/DigestText.tsx';
import { count } from '../../shared/format.ts';
import { trackChanges, useChanges } from './changes-store.ts';

export function WhatChanged() {
  useEffect(trackChanges, []);
  const { changes, before, waiting } = useChanges();
  return (
    <section className="what-changed" aria-labelledby="what-changed-heading">
      <h3 id="what-changed-heading">What changed</h3>
      {waiting && <p className="muted small" role="status">Building your edit…</p>}
      {!waiting && !before && <p className="muted small">Edit a file or a setting, and the digests it changes are listed here, old beside new.</p>}
      {!waiting && before && changes.length === 0 && <p className="muted small">No digest changed with the last build: the image is byte for byte the same.</p>}
      {!waiting && changes.length > 0 && (
        <>
          <p className="small">{count(changes.length, 'digest')} changed with your last edit (<a href="#digest-chain-heading">why, link by link</a>):</p>
          <ol className="what-changed-list">
            {changes.map((c) => (
              <li key={c.key} data-key={c.key}>
                <span className="what-changed-label">{c.label}</span>
                <span className="what-changed-values">
                  <span><span className="muted small">was </span>{c.before ? <DigestText digest={c.before} label={`${c.label} before`} full /> : <span className="muted">(none: new)</span>}</span>
                  <span><span className="muted small">now </span>{c.after ? <DigestText digest={c.after} label={`${c.label} now`} full /> : <span className="muted">(gone)</span>}</span>
                </span>
              </li>
            ))}
          </ol>
        </>
      )}
    </section>
  );
}
