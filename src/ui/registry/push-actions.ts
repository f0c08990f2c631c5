// Pushing the composer's image: the target is parsed here to say early what is wrong with it; the
// registry worker does every request, reporting each blob's progress. After a push: the login
// kept if asked, and the target repository remembered as a home of every blob (a later push to
// another repository of that registry mounts them). Pushing again after a failure sends only what
// the registry does not have yet.

import { create } from 'zustand';
import type { Digest } from '../../core/digest.ts';
import type { ImageIndex } from '../../core/image/model.ts';
import { parsePushTarget } from '../../core/registry/reference.ts';
import type { BlobPushProgress } from '../../core/registry/push.ts';
import { pushInWorker } from '../../worker/registry-client.ts';
import { mountSources, rememberBlobs } from './blob-homes.ts';
import { credentialsOf, keepLogin, useLogins } from './logins.ts';

export interface PushError {
  message: string;
  auth: boolean;
  network: boolean;
}

export interface Pushed {
  digest: Digest;
  /** `host/repo` of the target, to write commands with. */
  repository: string;
  tag: string;
  insecure: boolean;
}

interface PushState {
  target: string;
  status: 'idle' | 'running' | 'done' | 'failed' | 'cancelled';
  /** Progress by blob digest, in the order the blobs were first reported. */
  blobs: Record<string, BlobPushProgress>;
  result: Pushed | null;
  error: PushError | null;
  signInOpen: boolean;
  setTarget(target: string): void;
  setSignInOpen(open: boolean): void;
}

export const usePush = create<PushState>()((set) => ({
  target: '',
  status: 'idle',
  blobs: {},
  result: null,
  error: null,
  signInOpen: false,
  setTarget: (target) => set({ target, error: null }),
  setSignInOpen: (signInOpen) => set({ signInOpen }),
}));

let running: AbortController | null = null;

export async function pushImage(image: ImageIndex): Promise<void> {
  const set = usePush.setState;
  const text = usePush.getState().target.trim();
  let target;
  try {
    target = parsePushTarget(text);
  } catch (e) {
    return set({ error: { message: (e as Error).message, auth: false, network: false }, status: 'failed' });
  }
  running?.abort();
  const controller = (running = new AbortController());
  const login = useLogins.getState().push;
  set({ status: 'running', blobs: {}, result: null, error: null });
  const live = () => running === controller;
  try {
    const result = await pushInWorker(image, text, credentialsOf(login), mountSources(target.registry), (p) => {
      if (!live()) return;
      // A note (resumed, started again) stays with its blob until the push ends.
      const before = usePush.getState().blobs[p.digest];
      set({ blobs: { ...usePush.getState().blobs, [p.digest]: p.note || !before?.note ? p : { ...p, note: before.note } } });
    }, controller.signal);
    if (!live()) return;
    keepLogin(target.registry, login);
    rememberBlobs(target.registry, target.repository, image.images.flatMap((i) => [i.config.descriptor.digest, ...i.layers.map((l) => l.descriptor.digest)]));
    set({ status: 'done', result: { digest: result.digest, repository: `${target.registry}/${target.repository}`, tag: target.tag, insecure: target.scheme === 'http' } });
  } catch (e) {
    if (!live()) return;
    const error = e as Error;
    if (error.name === 'AbortError') return set({ status: 'cancelled' });
    const auth = error.name === 'RegistryAuthError';
    set({ status: 'failed', error: { message: error.message, auth, network: error.name === 'RegistryNetworkError' }, ...(auth ? { signInOpen: true } : {}) });
  } finally {
    if (live()) running = null;
  }
}

export function cancelPush(): void {
  running?.abort(new DOMException('Cancelled by the user', 'AbortError'));
}
