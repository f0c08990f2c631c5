// A verification status as a word (the test contract: "verified", "mismatch"), with a symbol and
// colour as extra cues, never as the only one.

import type { VerifyStatus } from '../../../core/inspect/views.ts';

const SYMBOL: Record<VerifyStatus | 'pending', string> = { verified: '✓', mismatch: '✗', missing: '?', unverified: '–', pending: '…' };

export function VerifyBadge({ status, title }: { status: VerifyStatus | 'pending'; title?: string }) {
  return (
    <span className={`verify-badge verify-${status}`} title={title}>
      <span aria-hidden="true">{SYMBOL[status]} </span>
      <span className="verify-text">{status === 'pending' ? 'not checked yet' : status}</span>
    </span>
  );
}
