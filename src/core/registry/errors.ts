// Registry failures in words a person can act on. A registry answers with an HTTP status and a
// JSON list of error codes (distribution spec "Error Codes"); each known code gets what it means
// and what to do. A request the browser blocks for CORS has no response at all, only a network
// error, so that case says "most likely CORS" and names the headers a registry must send. Texts
// from the registry are untrusted: shortened and stripped of control characters. Nothing here
// ever sees a credential: requests are described by method, origin and path, never headers.

import { decodeJsonDocument } from '../oci/parse-json.ts';
import { readBounded } from './body.ts';

export type RegistryErrorKind = 'network' | 'auth' | 'denied' | 'not-found' | 'rate-limited' | 'refused' | 'protocol';

export class RegistryError extends Error {
  override name = 'RegistryError';
  constructor(readonly kind: RegistryErrorKind, message: string, readonly status?: number, readonly codes: string[] = []) {
    super(message);
    // The name survives the trip from a worker (comlink keeps name and message): the UI tells a
    // request that got no response (likely CORS) from one the registry refused.
    if (kind === 'network') this.name = 'RegistryNetworkError';
  }
}

/** Credentials are missing, wrong or not enough: the UI opens the sign-in fields for these. */
export class RegistryAuthError extends RegistryError {
  override name = 'RegistryAuthError';
  constructor(message: string, status?: number, codes: string[] = []) {
    super('auth', message, status, codes);
  }
}

/** The section of the README with the headers and working configs. */
export const CORS_HELP = 'README, "Registries and CORS"';
export const MAX_ERROR_BODY_BYTES = 64 * 1024;
const MAX_RETRY_AFTER_SECONDS = 24 * 3600;

const ADVICE: Record<string, { kind: RegistryErrorKind; say: string }> = {
  UNAUTHORIZED: { kind: 'auth', say: 'the registry wants credentials that allow this: check Username and Password or token' },
  DENIED: { kind: 'denied', say: 'the registry denied access: the account may not do this to this repository; ask its administrator or use a repository you own' },
  NAME_UNKNOWN: { kind: 'not-found', say: 'the registry has no repository by this name: check its spelling (pushing creates it)' },
  NAME_INVALID: { kind: 'refused', say: 'the registry does not accept this repository name' },
  MANIFEST_UNKNOWN: { kind: 'not-found', say: 'the repository has no manifest under this tag or digest: check the tag (skopeo list-tags docker://… lists them)' },
  MANIFEST_INVALID: { kind: 'refused', say: 'the registry refused the manifest as invalid (some registries accept only Docker media types or need every blob pushed first)' },
  MANIFEST_BLOB_UNKNOWN: { kind: 'refused', say: 'the manifest names a blob the registry does not have: push the blobs first' },
  MANIFEST_UNVERIFIED: { kind: 'refused', say: 'the registry could not verify the manifest' },
  BLOB_UNKNOWN: { kind: 'not-found', say: 'the registry does not have this blob in this repository' },
  BLOB_UPLOAD_INVALID: { kind: 'refused', say: 'the registry discarded this upload (an interrupted or out-of-order chunk); it has to start again' },
  BLOB_UPLOAD_UNKNOWN: { kind: 'refused', say: 'the registry no longer knows this upload (it expired or was cancelled); it has to start again' },
  DIGEST_INVALID: { kind: 'refused', say: 'the bytes the registry received do not hash to the digest sent: they changed on the way or the blob is corrupt' },
  SIZE_INVALID: { kind: 'refused', say: 'the registry received a different number of bytes than the descriptor gives' },
  TAG_INVALID: { kind: 'refused', say: 'the registry refused the tag' },
  UNSUPPORTED: { kind: 'refused', say: 'the registry does not support this operation' },
  TOOMANYREQUESTS: { kind: 'rate-limited', say: 'the registry limits how many requests it answers' },
};

/** A registry's error response as a RegistryError naming `what` failed (e.g. "GET the manifest of app:1"). */
export async function errorFromResponse(response: Response, what: string): Promise<RegistryError> {
  const codes = await errorCodes(response);
  const status = response.status;
  const known = codes.map((c) => ({ code: c.code, advice: ADVICE[c.code] })).filter((c) => c.advice);
  const details = codes.map((c) => c.message).filter(Boolean).join('; ');
  const registrySays = details ? ` The registry says: "${details}".` : '';
  const codeList = codes.length ? `, ${codes.map((c) => c.code).join(', ')}` : '';
  if (status === 429 || codes.some((c) => c.code === 'TOOMANYREQUESTS')) {
    const wait = retryAfterSeconds(response.headers.get('retry-after'));
    return new RegistryError('rate-limited', `${what}: the registry limits requests (HTTP 429${codeList}); ${wait !== null ? `try again in ${wait} s (Retry-After)` : 'wait a while and try again'}.${registrySays}`, status, codes.map((c) => c.code));
  }
  const first = known[0]?.advice;
  const kind = first?.kind ?? kindOfStatus(status);
  const said = first ? `${first.say}` : defaultAdvice(status);
  const message = `${what}: ${said} (HTTP ${status}${codeList}).${registrySays}`;
  return kind === 'auth' ? new RegistryAuthError(message, status, codes.map((c) => c.code)) : new RegistryError(kind, message, status, codes.map((c) => c.code));
}

/** A request that got no response: in a browser, most likely CORS. `origin` is the page's, when there is one. */
export function networkError(url: string, what: string, origin: string | undefined, cause: unknown): RegistryError {
  const target = new URL(url).origin;
  if (!origin) {
    return new RegistryError('network', `${what}: no response from ${target} (${(cause as Error)?.message ?? 'network error'}). Is a registry running at that address?`);
  }
  return new RegistryError(
    'network',
    `${what}: no response from ${target}. A browser reports a request that CORS blocks exactly like this, so most likely the registry does not allow this page's origin ${origin} ` +
      `(${CORS_HELP} lists the headers it must send: Access-Control-Allow-Origin, -Methods, -Headers and -Expose-Headers). Otherwise the registry is not running at that address or the network is down.`,
  );
}

/** A registry's own text, safe to show: control characters removed, at most 200 characters. */
export function untrustedText(value: unknown): string {
  if (typeof value !== 'string') return '';
  const clean = value.replace(/[\u0000-\u001f\u007f-\u009f\u202a-\u202e\u2066-\u2069]/g, ' ').trim();
  return clean.length > 200 ? `${clean.slice(0, 200)}…` : clean;
}

async function errorCodes(response: Response): Promise<{ code: string; message: string }[]> {
  if (!response.body) return [];
  try {
    const bytes = await readBounded(response, MAX_ERROR_BODY_BYTES, 'error response');
    const { value } = decodeJsonDocument(bytes, 'error response');
    const errors = (value as { errors?: unknown }).errors;
    if (!Array.isArray(errors)) return [];
    return errors.slice(0, 10).flatMap((e) => {
      const code = untrustedText((e as { code?: unknown })?.code);
      return /^[A-Z_]{1,64}$/.test(code) ? [{ code, message: untrustedText((e as { message?: unknown }).message) }] : [];
    });
  } catch {
    return []; // not the JSON error list (an HTML page from a proxy, say): the status speaks
  }
}

function kindOfStatus(status: number): RegistryErrorKind {
  if (status === 401) return 'auth';
  if (status === 403) return 'denied';
  if (status === 404) return 'not-found';
  if (status >= 400 && status < 500) return 'refused';
  return 'protocol';
}

function defaultAdvice(status: number): string {
  if (status === 401) return 'the registry wants credentials: fill in Username and Password or token';
  if (status === 403) return 'the registry refused access for this account';
  if (status === 404) return 'the registry has no such repository, tag or blob (or it is not an OCI distribution registry)';
  if (status === 405) return 'the registry does not allow this method here (a read-only registry or mirror?)';
  if (status === 413) return 'a proxy in front of the registry refused the request as too large (nginx: client_max_body_size 0)';
  if (status >= 500) return 'the registry failed; try again later';
  return 'the registry refused the request';
}

/** Retry-After as seconds (from seconds or an HTTP date), bounded; null when absent or unreadable. */
export function retryAfterSeconds(header: string | null, now = Date.now()): number | null {
  if (!header || header.length > 64) return null;
  if (/^\d{1,9}$/.test(header.trim())) return Math.min(Number(header.trim()), MAX_RETRY_AFTER_SECONDS);
  const at = Date.parse(header);
  if (Number.isNaN(at)) return null;
  return Math.min(Math.max(0, Math.ceil((at - now) / 1000)), MAX_RETRY_AFTER_SECONDS);
}
