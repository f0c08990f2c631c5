// Push the built image to a registry: a field labelled "Push to" and a "Push" button (test
// contract), the sign-in fields, each blob's progress (already there, mounted, uploading, resumed),
// and afterwards the pushed manifest digest (labelled "Pushed digest") with the exact commands to
// pull or inspect it.

import { useEffect, useMemo, useRef, type FormEvent } from 'react';
import { parsePushTarget } from '../../../core/registry/reference.ts';
import { ByteSize } from '../../shared/ByteSize.tsx';
import { DigestText } from '../../shared/DigestText.tsx';
import { CorsHelp } from '../../registry/CorsHelp.tsx';
import { CredentialFields } from '../../registry/CredentialFields.tsx';
import { cancelPush, pushImage, usePush, type Pushed } from '../../registry/push-actions.ts';
import '../../registry/registry.css';
import { useComposer } from '../store/index.ts';
import { selectBuildStatus, selectImage, selectName } from '../store/selectors.ts';

const STATE_TEXT = { checking: 'checking', exists: 'already there', mounted: 'mounted', uploading: 'uploading', resuming: 'resuming', pushed: 'pushed' } as const;
const FINAL = new Set(['exists', 'mounted', 'pushed']);

export function PushPanel() {
  const image = useComposer(selectImage);
  const status = useComposer(selectBuildStatus);
  const name = useComposer(selectName);
  const push = usePush();
  // An image named with a registry host (an edit of a pulled image, say) is offered as the target,
  // unless the person typed one of their own.
  const offered = useRef<string | null>(null);
  useEffect(() => {
    const { target, setTarget } = usePush.getState();
    if (target !== '' && target !== offered.current) return;
    try {
      parsePushTarget(name);
      offered.current = name;
      setTarget(name);
    } catch {
      // a name without a registry host: the person types the target
    }
  }, [name]);
  const host = useMemo(() => {
    try {
      return parsePushTarget(push.target).registry;
    } catch {
      return undefined;
    }
  }, [push.target]);
  const labels = new Map<string, string>();
  image?.images[0]?.layers.forEach((layer, i) => labels.set(layer.descriptor.digest, `L${i + 1}`));
  if (image?.images[0]) labels.set(image.images[0].config.descriptor.digest, 'config');
  const running = push.status === 'running';
  const submit = (event: FormEvent) => {
    event.preventDefault();
    if (image) void pushImage(image);
  };
  return (
    <form className="push-panel" onSubmit={submit} aria-labelledby="push-heading">
      <h3 id="push-heading">Registry</h3>
      <div className="reference-row">
        <label className="field">
          <span>Push to</span>
          <input value={push.target} onChange={(e) => push.setTarget(e.target.value)} placeholder="localhost:5000/team/app:1.0" spellCheck={false} autoCapitalize="off" />
        </label>
        {running
          ? <button type="button" onClick={cancelPush}>Cancel</button>
          : <button type="submit" className="primary" disabled={!image || status !== 'ready' || push.target.trim() === ''}>Push</button>}
      </div>
      <CredentialFields slot="push" host={host} open={push.signInOpen} onToggle={push.setSignInOpen} />
      {Object.keys(push.blobs).length > 0 && (
        <ul className="blob-pushes" aria-label="Blobs pushed">
          {Object.values(push.blobs).map((blob) => (
            <li key={blob.digest} className="blob-push">
              <span className="layer-tag">{labels.get(blob.digest) ?? 'blob'}</span>
              <DigestText digest={blob.digest} />
              <span className="muted"><ByteSize bytes={blob.size} /></span>
              <span className="blob-push-state">{FINAL.has(blob.state) || running ? STATE_TEXT[blob.state] : 'stopped'}</span>
              <progress value={blob.sent} max={Math.max(blob.size, 1)} aria-label={`${labels.get(blob.digest) ?? blob.digest} pushed`} />
              {blob.note && blob.state !== 'exists' && blob.state !== 'mounted' && <p className="blob-push-note">{blob.note}</p>}
            </li>
          ))}
        </ul>
      )}
      {push.status === 'cancelled' && <p className="muted small" role="status">Push cancelled. Push again to carry on: blobs the registry already has are not sent again.</p>}
      {push.error && (
        <div className="registry-error" role="alert">
          <p><strong>Could not push.</strong> {push.error.message}</p>
          {!push.error.auth && !push.error.network && push.status === 'failed' && <p className="muted small">Push again to carry on: blobs the registry already has are not sent again.</p>}
          {push.error.network && <CorsHelp origin={location.origin} />}
        </div>
      )}
      {push.result && <PushResult pushed={push.result} />}
    </form>
  );
}

function PushResult({ pushed }: { pushed: Pushed }) {
  const at = `${pushed.repository}@${pushed.digest}`;
  const commands = [`docker pull ${at}`, `skopeo inspect ${pushed.insecure ? '--tls-verify=false ' : ''}docker://${at}`].join('\n');
  return (
    <div className="push-result" role="status">
      <span className="small">Pushed to <code>{pushed.repository}:{pushed.tag}</code>; the tag now names the manifest</span>
      <DigestText digest={pushed.digest} label="Pushed digest" full />
      <pre className="commands" aria-label="Commands for the pushed image">{commands}</pre>
    </div>
  );
}
