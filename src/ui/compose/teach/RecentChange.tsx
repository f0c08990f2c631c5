// A mark beside a digest the last edit changed: "changed, was <old digest>", for a few seconds.
// `what` names the digest as digest-changes does (`L2 diff_id`, `config`, `manifest`…); with
// several platforms, `platform` says whose.

import { DigestText } from '../../shared/DigestText.tsx';
import { MARK_MS, useChanges } from './changes-store.ts';
import { useRecent } from './use-recent.ts';

export function RecentChange({ what, platform }: { what: string; platform?: string }) {
  const several = useChanges((s) => (s.after?.images.length ?? 0) > 1);
  const key = several && platform ? `${platform} ${what}` : what;
  const change = useChanges((s) => s.changes.find((c) => c.key === key));
  const at = useChanges((s) => s.at);
  const recent = useRecent(change ? at : 0, MARK_MS);
  if (!change || !recent) return null;
  return (
    <span className="recent-change" role="note">
      <span className="change-mark change-modified"><span aria-hidden="true">~</span><span className="change-text">changed</span></span>
      {change.before ? <> was <DigestText digest={change.before} label={`${change.label} before the edit`} /></> : ' (new)'}
    </span>
  );
}
