// Verification of the whole image: running (progress, rate, Cancel) or its outcome in words.

import { count } from '../shared/format.ts';
import { cancelVerify, verify } from './actions.ts';
import { ProgressLine } from '../shared/ProgressLine.tsx';
import { useInspector } from './store.ts';

export function VerifyBar() {
  const state = useInspector((s) => s.verify);
  if (state.status === 'running') return <ProgressLine what="Verifying every blob" progress={state.progress} onCancel={cancelVerify} />;
  const results = Object.values(state.blobs);
  const tally = { verified: 0, mismatch: 0, missing: 0, unverified: 0 };
  for (const r of results) tally[r.status]++;
  const layers = Object.values(state.layers);
  const diffMismatch = layers.filter((l) => l.status === 'mismatch').length;
  const again = <button type="button" onClick={() => void verify()}>Verify again</button>;
  if (state.status === 'cancelled') return <div className="build-status warn" role="status">Verification cancelled after {count(results.length, 'blob')}. {again}</div>;
  if (state.status === 'failed') return <div className="build-status error" role="alert">Verification failed: {state.error} {again}</div>;
  if (state.status !== 'done') return null;
  if (results.length === 0) return <div className="build-status warn" role="status" aria-label="Verification result">Nothing to verify: no descriptor names a blob. See the problems below.</div>;
  const bad = tally.mismatch + diffMismatch;
  const unchecked = tally.missing + tally.unverified;
  const summary = [`${tally.verified} verified`, tally.mismatch && `${tally.mismatch} mismatch`, tally.missing && `${tally.missing} missing`, tally.unverified && `${tally.unverified} not checkable`, diffMismatch && `${diffMismatch} layer diff_id mismatch`].filter(Boolean).join(' · ');
  return (
    <div className={`build-status ${bad ? 'error' : unchecked ? 'warn' : 'ok'}`} role="status" aria-label="Verification result">
      <span>{bad ? 'Some blobs do not match their descriptors: ' : unchecked ? 'Not everything could be checked: ' : 'Every blob matches its digest: '}{summary}</span>
      {again}
    </div>
  );
}
