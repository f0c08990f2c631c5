// Pulling from a registry: a reference field labelled "Image reference" and a "Pull" button (test
// contract), the sign-in fields, and what went wrong in words: a refused or missing login opens
// the sign-in fields, a request without any response shows what a registry must send (CORS).

import { useEffect, useId, useMemo, type FormEvent } from 'react';
import { parseRegistryReference } from '../../../core/registry/reference.ts';
import { CorsHelp } from '../../registry/CorsHelp.tsx';
import { CredentialFields } from '../../registry/CredentialFields.tsx';
import '../../registry/registry.css';
import { useInspector } from '../store.ts';
import { offerFromHash, pullImage } from './pull-actions.ts';
import { usePull } from './pull-store.ts';

export function PullForm() {
  const { reference, offered, error, signInOpen, setReference, setSignInOpen } = usePull();
  const opening = useInspector((s) => s.opening);
  const errorId = useId();
  const host = useMemo(() => {
    try {
      return parseRegistryReference(reference).registry;
    } catch {
      return undefined;
    }
  }, [reference]);
  useEffect(() => {
    const onHash = () => location.hash.startsWith('#inspect?') && offerFromHash(location.hash);
    onHash();
    addEventListener('hashchange', onHash);
    return () => removeEventListener('hashchange', onHash);
  }, []);
  const submit = (event: FormEvent) => {
    event.preventDefault();
    void pullImage();
  };
  return (
    <form className="pull-form" onSubmit={submit} aria-label="Pull from a registry">
      <div className="reference-row">
        <label className="field">
          <span>Image reference</span>
          <input
            value={reference}
            onChange={(e) => setReference(e.target.value)}
            placeholder="localhost:5000/team/app:1.0"
            spellCheck={false}
            autoCapitalize="off"
            aria-invalid={error !== null && !error.auth && !error.network ? true : undefined}
            aria-describedby={error ? errorId : undefined}
          />
        </label>
        <button type="submit" className={offered ? 'primary' : undefined} disabled={reference.trim() === '' || opening !== null}>Pull</button>
      </div>
      {offered && !error && (
        <p className="link-offer" role="status">
          A link asks to open <code>{offered}</code>. Press Pull to read it from {host ?? 'its registry'}; nothing is fetched before you do.
        </p>
      )}
      <CredentialFields slot="pull" host={host} open={signInOpen} onToggle={setSignInOpen} />
      {error && (
        <div className="registry-error" role="alert" id={errorId}>
          <p><strong>Could not pull it.</strong> {error.message}</p>
          {error.network && <CorsHelp origin={location.origin} />}
        </div>
      )}
    </form>
  );
}
