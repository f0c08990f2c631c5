// What the summary says of a pulled image: where it came from and the digest its reference
// names, a link that opens it again (never with credentials), and saving it as an image tar once
// every blob is pulled and verified.

import { useState } from 'react';
import type { ImageView } from '../../../core/inspect/views.ts';
import { DigestText } from '../../shared/DigestText.tsx';
import { saveImageTar, shareLink } from './pull-actions.ts';

export function PulledImage({ view }: { view: ImageView }) {
  const [copied, setCopied] = useState(false);
  const from = view.pulledFrom!;
  const ready = view.editable === true;
  const copy = async () => {
    await navigator.clipboard.writeText(shareLink(from.reference)).catch(() => {});
    setCopied(true);
    setTimeout(() => setCopied(false), 2000);
  };
  return (
    <div className="pulled-from small">
      <span className="muted">Pulled from <a href={`${from.origin}/v2/`} target="_blank" rel="noreferrer noopener">{from.origin}</a>, repository <code>{from.repository}</code>; {from.tag !== undefined ? <>the tag <code>{from.tag}</code> names</> : 'the reference names'}</span>
      <DigestText digest={from.digest} label="Pulled digest" />
      <button type="button" className="small" onClick={() => void copy()} title={shareLink(from.reference)}>{copied ? 'Link copied' : 'Copy link'}</button>
      <button type="button" className="small" disabled={!ready} onClick={() => void saveImageTar()} title={ready ? 'docker load, podman load, skopeo' : 'Once every blob is pulled and verified'}>
        Download image tar
      </button>
    </div>
  );
}
