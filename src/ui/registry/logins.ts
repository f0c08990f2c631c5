// Registry credentials as the person typed them, one pair for pulling (inspector) and one for
// pushing (composer). They live in memory only, unless the person ticks "Remember": then that
// pair is kept in this browser's localStorage under the registry's host, and offered again when
// a reference names that host (and taken away again when it names another). Never part of a
// composition, a URL or a message.

import { create } from 'zustand';
import type { Credentials } from '../../core/registry/http-types.ts';

export interface Login {
  username: string;
  password: string;
  remember: boolean;
  /** The host these were remembered for, when they were filled in from storage: they go nowhere else. */
  recalledFor?: string;
}

export type LoginSlot = 'pull' | 'push';

interface LoginState {
  pull: Login;
  push: Login;
  set(slot: LoginSlot, patch: Partial<Login>): void;
}

const empty = (): Login => ({ username: '', password: '', remember: false });

export const useLogins = create<LoginState>()((set) => ({
  pull: empty(),
  push: empty(),
  set: (slot, patch) => set((s) => ({ [slot]: { ...s[slot], ...patch } })),
}));

/** What is sent: nothing when both fields are empty (anonymous access). */
export function credentialsOf(login: Login): Credentials | undefined {
  return login.username || login.password ? { username: login.username, password: login.password } : undefined;
}

const KEY = 'layerpad-registry-login:';

/** After a request with these credentials succeeded: keep them for `registry` when asked to, forget them when not. */
export function keepLogin(registry: string, login: Login): void {
  try {
    if (login.remember && credentialsOf(login)) localStorage.setItem(KEY + registry, JSON.stringify({ username: login.username, password: login.password }));
    else localStorage.removeItem(KEY + registry);
  } catch {
    // storage refused: the credentials stay in memory, as they would unremembered
  }
}

/** Credentials remembered for `registry`, if any. */
export function recallLogin(registry: string): Login | undefined {
  try {
    const stored = JSON.parse(localStorage.getItem(KEY + registry) ?? 'null') as Partial<Credentials> | null;
    if (typeof stored?.username !== 'string' || typeof stored.password !== 'string') return undefined;
    return { username: stored.username, password: stored.password, remember: true, recalledFor: registry };
  } catch {
    return undefined;
  }
}
