// JSON documents as the model keeps them: serialised canonically (what Layerpad writes) or taken
// as found (a base image's config and manifest), named either way by the SHA-256 of their bytes.

import { sha256OfBytes } from '../hash/sha256.ts';
import { canonicalJson, type Shape } from '../oci/json.ts';
import type { RawDocument } from './model.ts';

const utf8 = new TextDecoder('utf-8', { fatal: true });

/** `value` as canonical JSON; the value handed back is what the bytes say (undefined fields gone). */
export async function serialiseDocument<T>(value: T, shape: Shape, mediaType: string): Promise<RawDocument<T>> {
  return documentOf<T>(canonicalJson(value, shape), mediaType);
}

/** A document from bytes that are already its exact form (the caller has parsed them safely). */
export async function documentOf<T>(bytes: Uint8Array, mediaType: string): Promise<RawDocument<T>> {
  const value = JSON.parse(utf8.decode(bytes)) as T;
  return { bytes, value, descriptor: { mediaType, digest: await sha256OfBytes(bytes), size: bytes.byteLength } };
}
