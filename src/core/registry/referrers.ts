// What refers to a manifest (signatures, SBOMs, attestations): the OCI 1.1 referrers API,
// `GET /v2/<name>/referrers/<digest>` (an index, paged by `Link: <…>; rel="next"`, filtered by
// `artifactType` when the registry says it applied the filter, and by us otherwise), and for
// registries without it (a 404, as distribution 2.8 answers, or in a browser no answer at all
// when that 404 lacks CORS headers) the tag schema: the index tagged `sha256-<hex>`. Every page is an untrusted document: bounded, parsed by the index parser, and a
// Link is followed only within the registry's own origin, for a bounded number of pages.

import { hexOf, type Digest } from '../digest.ts';
import { MediaType } from '../oci/media-types.ts';
import { decodeJsonDocument, MAX_DOCUMENT_BYTES } from '../oci/parse-json.ts';
import { parseIndex } from '../oci/parse.ts';
import type { Problem } from '../problem.ts';
import { warning } from '../problem.ts';
import { readBounded } from './body.ts';
import { pullScope, type RegistryClient } from './client.ts';
import { errorFromResponse, RegistryError } from './errors.ts';
import { fetchManifest } from './manifests.ts';

const MAX_PAGES = 16;
const MAX_REFERRERS = 1000;
const MAX_LINK_LENGTH = 8 * 1024;

export interface Referrer {
  digest: Digest;
  mediaType: string;
  artifactType?: string;
  size: number;
  annotations?: Record<string, string>;
}

export interface ReferrerList {
  referrers: Referrer[];
  /** Where they were found: the referrers API, the `sha256-<hex>` tag, or neither (none refer to it). */
  via: 'api' | 'tag' | 'none';
  problems: Problem[];
}

export async function listReferrers(client: RegistryClient, repository: string, subject: Digest, opts: { artifactType?: string; signal?: AbortSignal } = {}): Promise<ReferrerList> {
  const problems: Problem[] = [];
  const what = `Listing what refers to ${subject} in ${repository}`;
  const first = new URL(`/v2/${repository}/referrers/${subject}`, client.origin);
  if (opts.artifactType) first.searchParams.set('artifactType', opts.artifactType);
  const found: Referrer[] = [];
  let url: string | null = first.href;
  for (let page = 0; url && page < MAX_PAGES; page++) {
    let response: Response;
    try {
      response = await client.send({ method: 'GET', url, scopes: [pullScope(repository)], headers: { Accept: MediaType.ociIndex }, signal: opts.signal, what });
    } catch (e) {
      // distribution 2.8 answers a route it does not know with a 404 that lacks its CORS headers,
      // so a browser sees no response at all: the tag schema may still work.
      if (page > 0 || !(e instanceof RegistryError) || e.kind !== 'network') throw e;
      return fromTag(client, repository, subject, opts, problems);
    }
    if (page === 0 && response.status === 404) {
      await response.body?.cancel().catch(() => {});
      return fromTag(client, repository, subject, opts, problems);
    }
    if (!response.ok) throw await errorFromResponse(response, what);
    const filtered = (response.headers.get('oci-filters-applied') ?? '').split(',').map((s) => s.trim()).includes('artifactType');
    const bytes = await readBounded(response, MAX_DOCUMENT_BYTES, what);
    for (const referrer of parseReferrers(bytes, `referrers of ${subject} (page ${page + 1})`, problems)) {
      if (opts.artifactType && !filtered && referrer.artifactType !== opts.artifactType) continue;
      if (found.length >= MAX_REFERRERS) {
        warning(problems, what, `more than ${MAX_REFERRERS} referrers; the rest are not listed`);
        return { referrers: found, via: 'api', problems };
      }
      found.push(referrer);
    }
    url = nextLink(response.headers.get('link'), url, client.origin, problems);
  }
  if (url) warning(problems, what, `more than ${MAX_PAGES} pages; the rest are not listed`);
  return { referrers: found, via: 'api', problems };
}

async function fromTag(client: RegistryClient, repository: string, subject: Digest, opts: { artifactType?: string; signal?: AbortSignal }, problems: Problem[]): Promise<ReferrerList> {
  const tag = `sha256-${hexOf(subject)}`;
  let fetched;
  try {
    fetched = await fetchManifest(client, repository, tag, opts.signal);
  } catch (e) {
    if (e instanceof RegistryError && e.kind === 'not-found') return { referrers: [], via: 'none', problems };
    throw e;
  }
  const referrers = parseReferrers(fetched.bytes, `the ${tag} tag (referrers of ${subject})`, problems)
    .filter((r) => !opts.artifactType || r.artifactType === opts.artifactType);
  return { referrers: referrers.slice(0, MAX_REFERRERS), via: 'tag', problems };
}

function parseReferrers(bytes: Uint8Array, name: string, problems: Problem[]): Referrer[] {
  let index;
  try {
    index = parseIndex(decodeJsonDocument(bytes, name).value, name, problems);
  } catch (e) {
    warning(problems, name, (e as Error).message);
    return [];
  }
  return index.manifests.flatMap((d) => (d.sha256 ? [{
    digest: d.sha256,
    mediaType: d.mediaType,
    size: d.size,
    ...(d.artifactType !== undefined ? { artifactType: d.artifactType } : {}),
    ...(d.annotations ? { annotations: d.annotations } : {}),
  }] : []));
}

/** The `rel="next"` URL of a Link header, resolved against the page; null when there is none or it leaves the registry. */
export function nextLink(header: string | null, base: string, origin: string, problems: Problem[]): string | null {
  if (!header) return null;
  if (header.length > MAX_LINK_LENGTH) {
    warning(problems, 'Link header', `is ${header.length} characters long; not followed`);
    return null;
  }
  for (const part of header.split(',')) {
    const match = /^\s*<([^>]*)>\s*;(.*)$/.exec(part);
    if (!match || !/(?:^|;)\s*rel\s*=\s*"?next"?\s*(?:;|$)/i.test(match[2])) continue;
    let next: URL;
    try {
      next = new URL(match[1], base);
    } catch {
      warning(problems, 'Link header', `${JSON.stringify(match[1].slice(0, 100))} is not a URL; not followed`);
      return null;
    }
    if (next.origin !== origin) {
      warning(problems, 'Link header', `points to ${next.origin}, outside the registry; not followed`);
      return null;
    }
    return next.href;
  }
  return null;
}
