// A digest is a validated string, never a path: `sha256:` followed by exactly 64 lowercase hex.
// Untrusted strings go through parseDigest; other algorithms are recognised but left unverified.

declare const digestBrand: unique symbol;
export type Digest = string & { readonly [digestBrand]: true };

const SHA256 = /^sha256:[0-9a-f]{64}$/;
/** The general grammar from the image-spec, for digests we can show but not verify. */
const ANY_DIGEST = /^[a-z0-9]+(?:[+._-][a-z0-9]+)*:[a-zA-Z0-9=_-]+$/;

export class DigestError extends Error {
  override name = 'DigestError';
}

export function isSha256Digest(value: unknown): value is Digest {
  return typeof value === 'string' && SHA256.test(value);
}

/** Accepts only `sha256:<64 lowercase hex>`; anything else throws a DigestError naming `where`. */
export function parseDigest(value: unknown, where = 'digest'): Digest {
  if (isSha256Digest(value)) return value;
  const shown = typeof value === 'string' ? JSON.stringify(value.slice(0, 100)) : typeof value;
  if (typeof value === 'string' && ANY_DIGEST.test(value) && !value.startsWith('sha256:')) {
    throw new DigestError(`${where}: unsupported digest algorithm in ${shown} (only sha256 is verified)`);
  }
  throw new DigestError(`${where}: ${shown} is not a sha256 digest (expected "sha256:" + 64 lowercase hex)`);
}

/** True for strings that follow the image-spec digest grammar with a non-sha256 algorithm. */
export function isOtherAlgorithmDigest(value: unknown): value is string {
  return typeof value === 'string' && !value.startsWith('sha256:') && ANY_DIGEST.test(value);
}

export function digestFromHex(hex: string): Digest {
  return parseDigest(`sha256:${hex}`);
}

/** The 64-hex part, safe to use as a file name because the digest was validated. */
export function hexOf(digest: Digest): string {
  return digest.slice('sha256:'.length);
}
