// Opening an image from a registry as an inspection session: the reference is parsed, a client for
// its registry made with the person's credentials (kept in memory only), and the session reads
// the image through the registry's blob source. Structure first (documents only); layers are
// pulled into `sinks` when verification, listing or a preview needs them. The session can also
// list referrers and, once verified, hand out the image as an archive.

import type { Digest } from '../digest.ts';
import { PulledBlobs } from '../formats/registry/blobs.ts';
import { readRegistryImage } from '../formats/registry/read.ts';
import { RegistryClient } from '../registry/client.ts';
import type { Credentials, FetchLike } from '../registry/http-types.ts';
import { formatReference, parseRegistryReference, registryOrigin } from '../registry/reference.ts';
import { listReferrers, type ReferrerList } from '../registry/referrers.ts';
import type { TokenCache } from '../registry/tokens.ts';
import type { BlobSinkFactory } from '../store/sink.ts';
import { openSessionOver, type InspectSession } from './session.ts';
import type { PulledFrom } from './views.ts';

export interface PullDependencies {
  fetch: FetchLike;
  /** Where pulled layers are stored: OPFS in the browser, memory under Node. */
  sinks: BlobSinkFactory;
  credentials?: Credentials;
  /** The page's origin, for the CORS advice in network errors. */
  origin?: string;
  tokens?: TokenCache;
}

export interface PulledSession extends InspectSession {
  pulledFrom: PulledFrom;
  /** What refers to `subject` (a manifest or index of this repository). */
  referrers(subject: Digest, signal?: AbortSignal): Promise<ReferrerList>;
}

/** Throws RegistryReferenceError for a bad reference and RegistryError when the registry cannot be read. */
export async function openRegistrySession(text: string, deps: PullDependencies, signal?: AbortSignal): Promise<PulledSession> {
  const started = performance.now();
  const ref = parseRegistryReference(text);
  const client = new RegistryClient(ref, { fetch: deps.fetch, credentials: deps.credentials, origin: deps.origin, tokens: deps.tokens });
  const pulled = new PulledBlobs(client, ref.repository, deps.sinks);
  const name = formatReference(ref);
  const first = await readRegistryImage(pulled, ref, { name, signal });
  const pulledFrom: PulledFrom = {
    reference: name,
    origin: registryOrigin(ref),
    registry: ref.registry,
    repository: ref.repository,
    ...(ref.tag !== undefined ? { tag: ref.tag } : {}),
    digest: first.topDigest,
  };
  const session = await openSessionOver({
    inspect: async (opts) => (await readRegistryImage(pulled, ref, { ...opts, name })).image,
    describe: () => ({ archiveEntries: 0, pulledFrom }),
  }, name, started, first.image);
  return Object.assign(session, {
    pulledFrom,
    referrers: (subject: Digest, abort?: AbortSignal) => listReferrers(client, ref.repository, subject, { signal: abort }),
  });
}
