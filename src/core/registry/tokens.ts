// Bearer tokens from a registry's token service (distribution "Token Authentication
// Specification"): GET <realm>?service=…&scope=… with Basic credentials when the person gave some,
// anonymously otherwise. Tokens are kept in memory per realm, service and scope set, and reused
// until shortly before they expire (`expires_in`, 60 s when absent, as the spec says). The response
// is untrusted: bounded, parsed strictly, the token checked to be a plain header-safe string.

import { decodeJsonDocument } from '../oci/parse-json.ts';
import { readBounded } from './body.ts';
import { errorFromResponse, networkError, RegistryAuthError, RegistryError } from './errors.ts';
import type { Credentials, FetchLike } from './http-types.ts';

const MAX_TOKEN_RESPONSE_BYTES = 64 * 1024;
const MAX_TOKEN_LENGTH = 16 * 1024;
const DEFAULT_EXPIRES_SECONDS = 60;
const MAX_EXPIRES_SECONDS = 24 * 3600;
/** A token this close to its expiry is fetched again rather than sent. */
const EXPIRY_MARGIN_MS = 10_000;
const TOKEN68 = /^[A-Za-z0-9\-._~+/]+=*$/;

export interface TokenRequest {
  realm: string;
  service?: string;
  scopes: readonly string[];
}

export class TokenCache {
  private readonly tokens = new Map<string, { token: string; expiresAt: number }>();
  /** Requests in flight, so that requests sent together share one token. */
  private readonly pending = new Map<string, Promise<string>>();
  /** Token requests sent so far (for tests that check reuse). */
  fetched = 0;

  constructor(private readonly now: () => number = Date.now) {}

  /** A token for `request`: the cached one while it lasts, else a new one from the realm. */
  async get(request: TokenRequest, fetch: FetchLike, credentials: Credentials | undefined, opts: { fresh?: boolean; signal?: AbortSignal; origin?: string } = {}): Promise<string> {
    const key = [request.realm, request.service ?? '', [...request.scopes].sort().join(' '), credentials?.username ?? ''].join('\n');
    const cached = this.tokens.get(key);
    if (cached && !opts.fresh && cached.expiresAt - EXPIRY_MARGIN_MS > this.now()) return cached.token;
    const inFlight = this.pending.get(key);
    if (inFlight) return inFlight;
    this.fetched++;
    const fetching = fetchToken(request, fetch, credentials, opts.signal, opts.origin).then(({ token, expiresIn }) => {
      this.tokens.set(key, { token, expiresAt: this.now() + expiresIn * 1000 });
      return token;
    });
    this.pending.set(key, fetching);
    try {
      return await fetching;
    } finally {
      this.pending.delete(key);
    }
  }
}

async function fetchToken(request: TokenRequest, fetch: FetchLike, credentials: Credentials | undefined, signal: AbortSignal | undefined, origin: string | undefined): Promise<{ token: string; expiresIn: number }> {
  const url = new URL(request.realm);
  if (request.service !== undefined) url.searchParams.set('service', request.service);
  for (const scope of request.scopes) url.searchParams.append('scope', scope);
  const service = `the token service ${url.origin}`;
  const what = `Getting a token from ${service}${request.scopes.length ? ` for ${request.scopes.join(' ')}` : ''}`;
  let response: Response;
  try {
    response = await fetch(url.href, {
      method: 'GET',
      headers: credentials ? { Authorization: basicAuthorization(credentials) } : {},
      credentials: 'omit',
      redirect: 'follow',
      signal,
    });
  } catch (e) {
    if (signal?.aborted) throw e;
    throw networkError(url.href, what, origin, e);
  }
  if (response.status === 401 || response.status === 403) {
    await response.body?.cancel().catch(() => {});
    throw new RegistryAuthError(credentials
      ? `${what}: ${service} refused the username and password (HTTP ${response.status}). Check them; a token goes into Password or token.`
      : `${what}: ${service} wants a username and password (HTTP ${response.status}). Fill in Username and Password or token.`, response.status);
  }
  if (!response.ok) throw await errorFromResponse(response, what);
  let value: unknown;
  try {
    value = decodeJsonDocument(await readBounded(response, MAX_TOKEN_RESPONSE_BYTES, 'token response'), 'token response').value;
  } catch (e) {
    throw new RegistryError('protocol', `${what}: the answer is not a token (${(e as Error).message})`);
  }
  const body = (value ?? {}) as { token?: unknown; access_token?: unknown; expires_in?: unknown };
  const token = typeof body.token === 'string' && body.token !== '' ? body.token : body.access_token;
  if (typeof token !== 'string' || token === '' || token.length > MAX_TOKEN_LENGTH || !TOKEN68.test(token)) {
    throw new RegistryError('protocol', `${what}: the answer has no usable "token" (a non-empty string of at most ${MAX_TOKEN_LENGTH} header-safe characters)`);
  }
  const expires = body.expires_in;
  const expiresIn = typeof expires === 'number' && Number.isFinite(expires) && expires > 0 ? Math.min(expires, MAX_EXPIRES_SECONDS) : DEFAULT_EXPIRES_SECONDS;
  return { token, expiresIn };
}

/** `Basic base64(user:password)`, with the UTF-8 bytes of both. */
export function basicAuthorization({ username, password }: Credentials): string {
  const bytes = new TextEncoder().encode(`${username}:${password}`);
  let binary = '';
  for (const byte of bytes) binary += String.fromCharCode(byte);
  return `Basic ${btoa(binary)}`;
}
