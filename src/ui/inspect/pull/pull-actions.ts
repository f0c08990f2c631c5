// Pulling: the reference is parsed here only to say early what is wrong with it; the worker
// parses it again and does every request. After a pull: credentials kept if asked, and the blobs'
// repository remembered for mounts; Referrers asks what refers to the image on screen. A pulled image can
// be saved as an image tar once it has verified; `#inspect?ref=` links offer a reference.

import type { Digest } from '../../../core/digest.ts';
import type { ImageView } from '../../../core/inspect/views.ts';
import { parseRegistryReference } from '../../../core/registry/reference.ts';
import { imageTarInWorker, pullInWorker, referrersInWorker } from '../../../worker/inspect-client.ts';
import { rememberBlobs } from '../../registry/blob-homes.ts';
import { credentialsOf, keepLogin, useLogins } from '../../registry/logins.ts';
import { isAbort, messageOf, openImage } from '../actions.ts';
import { useInspector } from '../store.ts';
import { usePull, type ReferrerGroup } from './pull-store.ts';
import { saveBlob } from '../../shared/save-blob.ts';

const set = usePull.setState;

export async function pullImage(text = usePull.getState().reference): Promise<void> {
  const reference = text.trim();
  let host: string;
  try {
    host = parseRegistryReference(reference).registry;
  } catch (e) {
    return set({ error: { message: messageOf(e), auth: false, network: false } });
  }
  set({ error: null, offered: null, referrers: [] });
  const login = useLogins.getState().pull;
  const view = await openImage(reference, { name: reference }, (signal) => pullInWorker(reference, credentialsOf(login), signal), (e) => {
    const auth = e instanceof Error && e.name === 'RegistryAuthError';
    set({ error: { message: messageOf(e), auth, network: e instanceof Error && e.name === 'RegistryNetworkError' }, ...(auth ? { signInOpen: true } : {}) });
  });
  if (!view?.pulledFrom) return;
  keepLogin(host, login);
  rememberBlobs(view.pulledFrom.registry, view.pulledFrom.repository, blobsOf(view));
}

/** Referrers of the manifest on screen and, for an index, of the index too. */
export async function loadReferrers(view: ImageView): Promise<void> {
  const subjects = [...new Set([view.pulledFrom?.digest, view.selected].filter((d): d is Digest => d !== undefined))];
  set({ referrers: subjects.map((subject): ReferrerGroup => ({ subject, status: 'loading', referrers: [] })) });
  await Promise.all(subjects.map(async (subject) => {
    let group: ReferrerGroup;
    try {
      const list = await referrersInWorker(subject);
      group = { subject, status: 'done', referrers: list.referrers, via: list.via };
    } catch (e) {
      if (isAbort(e)) return;
      group = { subject, status: 'failed', referrers: [], error: messageOf(e) };
    }
    const now = useInspector.getState().view;
    if (now?.pulledFrom?.digest !== view.pulledFrom?.digest || now?.selected !== view.selected) return;
    set({ referrers: usePull.getState().referrers.map((g) => (g.subject === subject ? group : g)) });
  }));
}

/** Saves the pulled image (its chosen platform) as an image tar. */
export async function saveImageTar(): Promise<void> {
  try {
    const { blob, name } = await imageTarInWorker();
    saveBlob(blob, name);
  } catch (e) {
    set({ error: { message: `Could not save the image: ${messageOf(e)}`, auth: false, network: false } });
  }
}

/** The link that opens `reference` in the inspector (a reference never carries credentials). */
export function shareLink(reference: string): string {
  return `${location.origin}${location.pathname}#inspect?ref=${encodeURIComponent(reference)}`;
}

/** A `#inspect?ref=` link was opened: fill in the reference and ask before pulling. */
export function offerFromHash(hash: string): void {
  const ref = new URLSearchParams(hash.replace(/^#inspect\??/, '')).get('ref');
  if (!ref || ref === usePull.getState().offered) return;
  set({ reference: ref, offered: ref, error: null });
}

function blobsOf(view: ImageView): Digest[] {
  return [view.config?.descriptor?.sha256, ...view.layers.map((l) => l.descriptor.sha256)].filter((d): d is Digest => !!d);
}
