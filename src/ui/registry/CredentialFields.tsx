// "Sign in": Username and Password or token for a registry (test contract labels), folded away
// until needed; it opens by itself when the registry asks for credentials. Says where they go.

import { useEffect, useId, useRef } from 'react';
import { recallLogin, useLogins, type LoginSlot } from './logins.ts';

export interface CredentialFieldsProps {
  slot: LoginSlot;
  /** The registry host the reference names, when it parses. */
  host?: string;
  /** Opened from outside (an authentication error). */
  open: boolean;
  onToggle(open: boolean): void;
}

export function CredentialFields({ slot, host, open, onToggle }: CredentialFieldsProps) {
  const login = useLogins((s) => s[slot]);
  const set = useLogins((s) => s.set);
  const id = useId();
  const details = useRef<HTMLDetailsElement>(null);
  useEffect(() => {
    if (!host) return;
    if (login.recalledFor && login.recalledFor !== host) return set(slot, { username: '', password: '', remember: false, recalledFor: undefined });
    if (login.username || login.password) return;
    const remembered = recallLogin(host);
    if (remembered) set(slot, remembered);
  }, [host, slot, set, login.username, login.password, login.recalledFor]);
  const signedIn = login.username !== '' || login.password !== '';
  return (
    <details ref={details} className="sign-in" open={open} onToggle={() => onToggle(details.current?.open ?? false)}>
      <summary>{signedIn ? `Signing in as ${login.username || '(no username)'}` : <>Sign in <span className="small">(only if the registry asks)</span></>}</summary>
      <div className="sign-in-fields">
        <label className="field">
          <span>Username</span>
          <input id={`${id}-user`} autoComplete="username" spellCheck={false} value={login.username} onChange={(e) => set(slot, { username: e.target.value })} />
        </label>
        <label className="field">
          <span>Password or token</span>
          <input id={`${id}-password`} type="password" autoComplete="current-password" value={login.password} onChange={(e) => set(slot, { password: e.target.value })} />
        </label>
        <label className="inline-field remember">
          <input type="checkbox" checked={login.remember} onChange={(e) => set(slot, { remember: e.target.checked })} />
          Remember{host ? ` for ${host}` : ''} on this device (kept unencrypted in this browser's storage)
        </label>
        <p className="muted small sign-in-note">
          Sent only to {host ?? 'the registry you name'} and to the token service it names; kept in this tab's memory unless remembered, never in a link, the saved composition or a message.
        </p>
      </div>
    </details>
  );
}
