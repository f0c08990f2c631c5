// Fetching a manifest or index by tag or digest. The Accept header lists the OCI and Docker
// schema 2 types (else a registry may convert to schema 1). The body is read under the JSON
// document limit and hashed: asked for by digest, the bytes must hash to it; asked for by tag,
// the registry's Docker-Content-Digest (when it sends one) must agree with the bytes.

import type { Digest } from '../digest.ts';
import { isSha256Digest } from '../digest.ts';
import { sha256OfBytes } from '../hash/sha256.ts';
import { INDEX_TYPES, MANIFEST_TYPES } from '../oci/media-types.ts';
import { MAX_DOCUMENT_BYTES } from '../oci/parse-json.ts';
import { BodyTooLargeError, readBounded } from './body.ts';
import { pullScope, type RegistryClient } from './client.ts';
import { errorFromResponse, RegistryError } from './errors.ts';

export const MANIFEST_ACCEPT = [...INDEX_TYPES, ...MANIFEST_TYPES].join(', ');
const MAX_MEDIA_TYPE_LENGTH = 255;

export interface FetchedManifest {
  bytes: Uint8Array;
  digest: Digest;
  /** The Content-Type the registry gave (parameters removed), '' when none. */
  mediaType: string;
  /** Set when the registry's Docker-Content-Digest names other bytes than it sent. */
  digestDisagreement?: string;
}

export async function fetchManifest(client: RegistryClient, repository: string, reference: string, signal?: AbortSignal): Promise<FetchedManifest> {
  const what = `Reading the manifest ${repository}${reference.startsWith('sha256:') ? '@' : ':'}${reference} from ${client.ref.registry}`;
  const response = await client.send({ method: 'GET', url: `/v2/${repository}/manifests/${reference}`, scopes: [pullScope(repository)], headers: { Accept: MANIFEST_ACCEPT }, signal, what });
  if (!response.ok) throw await errorFromResponse(response, what);
  let bytes: Uint8Array;
  try {
    bytes = await readBounded(response, MAX_DOCUMENT_BYTES, what);
  } catch (e) {
    if (e instanceof BodyTooLargeError) throw new RegistryError('protocol', e.message);
    throw e;
  }
  const digest = await sha256OfBytes(bytes);
  if (isSha256Digest(reference) && digest !== reference) {
    throw new RegistryError('protocol', `${what}: the registry sent a document that hashes to ${digest}, not the ${reference} asked for; refused`);
  }
  const mediaType = (response.headers.get('content-type') ?? '').split(';')[0].trim().slice(0, MAX_MEDIA_TYPE_LENGTH);
  const claimed = response.headers.get('docker-content-digest');
  const digestDisagreement = claimed !== null && claimed !== digest
    ? `the registry says its Docker-Content-Digest is ${JSON.stringify(claimed.slice(0, 100))}, but the bytes it sent hash to ${digest}`
    : undefined;
  return { bytes, digest, mediaType, ...(digestDisagreement ? { digestDisagreement } : {}) };
}
