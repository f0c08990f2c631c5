// One registry, spoken to over the distribution API: every request goes to the registry's own
// origin (or a URL it handed out: an upload Location, a Link), and authentication follows the
// registry's lead. The first request goes out anonymously; a 401's WWW-Authenticate says Basic
// (send the credentials) or Bearer (get a token for the scopes from the realm it names), the
// request is sent once more, and later requests carry the credentials or a cached token from the
// start. Credentials go only to the registry's origin and the realm of its challenge; a URL on
// another origin gets no Authorization, and fetch drops it on cross-origin redirects.

import { parseChallenge, type Challenge } from './challenge.ts';
import { CORS_HELP, networkError, RegistryAuthError } from './errors.ts';
import type { Credentials, FetchLike } from './http-types.ts';
import { registryOrigin, type RegistryReference } from './reference.ts';
import { basicAuthorization, TokenCache } from './tokens.ts';

export interface ClientOptions {
  fetch: FetchLike;
  credentials?: Credentials;
  /** The page's origin, named when a request fails the way CORS makes it fail. */
  origin?: string;
  tokens?: TokenCache;
}

export interface RegistryRequest {
  method: 'GET' | 'HEAD' | 'POST' | 'PUT' | 'PATCH' | 'DELETE';
  /** A path on the registry (`/v2/…`, built from validated parts) or an absolute URL the registry gave. */
  url: string;
  /** Token scopes the request needs, e.g. `repository:team/app:pull`. */
  scopes: readonly string[];
  headers?: Record<string, string>;
  body?: Blob | Uint8Array;
  signal?: AbortSignal;
  /** The request in words, for errors: "Reading the manifest of team/app:1.0". */
  what: string;
}

export class RegistryClient {
  readonly origin: string;
  readonly tokens: TokenCache;
  private challenge: Challenge | undefined;

  constructor(readonly ref: Pick<RegistryReference, 'scheme' | 'apiHost' | 'registry'>, private readonly opts: ClientOptions) {
    this.origin = registryOrigin(ref as RegistryReference);
    this.tokens = opts.tokens ?? new TokenCache();
  }

  /** Sends `request`, answering one authentication challenge; any other status is the caller's to judge. */
  async send(request: RegistryRequest): Promise<Response> {
    const url = new URL(request.url, this.origin);
    if (url.origin !== this.origin) return this.fetchOnce(url, request, undefined);
    let sent = await this.authorization(request.scopes, false, request.signal);
    let response = await this.fetchOnce(url, request, sent);
    if (response.status !== 401) return response;
    let challenge = this.challengeOf(response, request.what);
    await response.body?.cancel().catch(() => {});
    this.challenge = challenge;
    if (challenge.scheme === 'basic') {
      if (!this.opts.credentials) throw this.credentialsWanted(request.what);
      if (sent) throw this.basicRefused(request.what);
    }
    const scopes = challenge.scheme === 'bearer' && challenge.scope ? mergeScopes(request.scopes, challenge.scope.split(' ')) : request.scopes;
    // A token that was sent and refused is fetched anew; without one, a token fetched meanwhile will do.
    sent = await this.authorization(scopes, sent !== undefined, request.signal);
    response = await this.fetchOnce(url, request, sent);
    if (response.status !== 401) return response;
    challenge = this.challengeOf(response, request.what);
    await response.body?.cancel().catch(() => {});
    if (challenge.scheme === 'basic') throw this.basicRefused(request.what);
    if (!this.opts.credentials) {
      throw new RegistryAuthError(`${request.what}: the registry at ${this.origin} needs a username and password (its token service grants anonymous access nothing here). Fill in Username and Password or token, then try again.`, 401, ['UNAUTHORIZED']);
    }
    const who = `the account "${this.opts.credentials.username}"`;
    if (challenge.error === 'insufficient_scope') {
      throw new RegistryAuthError(`${request.what}: the token service did not grant ${scopes.join(' ')} to ${who} (insufficient_scope): it may read but not write here, or not see this repository at all. Sign in with an account that has that right.`, 401, ['UNAUTHORIZED']);
    }
    throw new RegistryAuthError(`${request.what}: the registry did not accept the token for ${who} (HTTP 401${challenge.error ? `, ${challenge.error}` : ''}). Fill in Username and Password or token.`, 401, ['UNAUTHORIZED']);
  }

  private async authorization(scopes: readonly string[], fresh: boolean, signal: AbortSignal | undefined): Promise<string | undefined> {
    const challenge = this.challenge;
    if (!challenge) return undefined;
    if (challenge.scheme === 'basic') return this.opts.credentials && basicAuthorization(this.opts.credentials);
    const token = await this.tokens.get({ realm: challenge.realm, service: challenge.service, scopes }, this.opts.fetch, this.opts.credentials, { fresh, signal, origin: this.opts.origin });
    return `Bearer ${token}`;
  }

  private async fetchOnce(url: URL, request: RegistryRequest, authorization: string | undefined): Promise<Response> {
    try {
      return await this.opts.fetch(url.href, {
        method: request.method,
        headers: { ...request.headers, ...(authorization ? { Authorization: authorization } : {}) },
        ...(request.body !== undefined ? { body: request.body as BodyInit } : {}),
        credentials: 'omit',
        redirect: 'follow',
        cache: 'no-store',
        signal: request.signal,
      });
    } catch (e) {
      if (request.signal?.aborted) throw e;
      throw networkError(url.href, request.what, this.opts.origin, e);
    }
  }

  private challengeOf(response: Response, what: string): Challenge {
    const header = response.headers.get('www-authenticate');
    if (header === null) {
      throw new RegistryAuthError(`${what}: the registry answered 401 (authentication required), but its WWW-Authenticate header cannot be read here. A registry used from a browser must list WWW-Authenticate in Access-Control-Expose-Headers (${CORS_HELP}).`, 401);
    }
    try {
      return parseChallenge(header);
    } catch (e) {
      throw new RegistryAuthError(`${what}: ${(e as Error).message}`, 401);
    }
  }

  private credentialsWanted(what: string): RegistryAuthError {
    return new RegistryAuthError(`${what}: the registry at ${this.origin} needs a username and password (Basic authentication). Fill in Username and Password or token, then try again.`, 401);
  }

  private basicRefused(what: string): RegistryAuthError {
    return new RegistryAuthError(`${what}: the registry at ${this.origin} refused the username and password (HTTP 401). Check them; a token goes into Password or token.`, 401);
  }
}

/** Scopes with the actions on one resource merged: `repository:a:pull` + `repository:a:push` -> `repository:a:pull,push`. */
export function mergeScopes(...lists: (readonly string[])[]): string[] {
  const byResource = new Map<string, Set<string>>();
  for (const scope of lists.flat()) {
    const at = scope.lastIndexOf(':');
    if (at <= 0) continue;
    const resource = scope.slice(0, at);
    const actions = byResource.get(resource) ?? new Set<string>();
    for (const action of scope.slice(at + 1).split(',')) if (action) actions.add(action);
    byResource.set(resource, actions);
  }
  return [...byResource].map(([resource, actions]) => `${resource}:${[...actions].sort().join(',')}`);
}

export const pullScope = (repository: string) => `repository:${repository}:pull`;
export const pushScope = (repository: string) => `repository:${repository}:pull,push`;
