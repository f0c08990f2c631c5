// Loading one JSON document from an archive: size against its descriptor first, then the digest
// of exactly the bytes read, then those same bytes are decoded and parsed (once). Failures become
// problems naming the document; the caller gets null and carries on with the rest.

import type { Digest } from '../digest.ts';
import { sha256OfBytes } from '../hash/sha256.ts';
import { decodeJsonDocument, readDocumentBytes } from '../oci/parse-json.ts';
import type { ParsedDescriptor } from '../oci/parse.ts';
import { parseConfig, type ParsedConfig } from '../oci/parse-config.ts';
import type { InspectedImage } from './reading.ts';
import { documentName, error, type ProblemSink } from '../problem.ts';

export interface LoadedJson {
  path: string;
  name: string;
  value: unknown;
  text: string;
  bytes: Uint8Array;
  digest: Digest;
}

export async function loadJson(
  blob: Blob,
  path: string,
  role: string,
  descriptor: ParsedDescriptor | undefined,
  problems: ProblemSink,
): Promise<LoadedJson | null> {
  const name = documentName(path, role);
  try {
    if (descriptor && descriptor.size >= 0 && blob.size !== descriptor.size) {
      error(problems, name, `is ${blob.size} bytes but its descriptor says ${descriptor.size}; shown as found`);
    }
    const bytes = await readDocumentBytes(blob, name);
    const digest = await sha256OfBytes(bytes);
    if (descriptor?.sha256 && digest !== descriptor.sha256) {
      error(problems, name, `content has digest ${digest}, not ${descriptor.sha256} as its descriptor says; shown as found`);
    }
    const { value, text } = decodeJsonDocument(bytes, name);
    return { path, name, value, text, bytes, digest };
  } catch (e) {
    error(problems, name, stripName((e as Error).message, name));
    return null;
  }
}

/** Loads and parses an image config; when it parses, it becomes `image.config`. */
export async function loadConfig(
  image: InspectedImage,
  blob: Blob,
  path: string,
  descriptor: ParsedDescriptor,
): Promise<ParsedConfig | undefined> {
  const doc = await loadJson(blob, path, 'config', descriptor, image.problems);
  if (!doc) return undefined;
  try {
    const parsed = parseConfig(doc.value, doc.name, image.problems);
    image.config = { path: doc.path, descriptor, text: doc.text, bytes: doc.bytes, digest: doc.digest, parsed };
    return parsed;
  } catch (e) {
    error(image.problems, doc.name, stripName((e as Error).message, doc.name));
    return undefined;
  }
}

/** Errors from the parsers already start with the document name; do not repeat it. */
export function stripName(message: string, name: string): string {
  return message.startsWith(`${name}: `) ? message.slice(name.length + 2) : message;
}
