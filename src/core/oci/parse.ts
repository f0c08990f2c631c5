// Parsing untrusted OCI/Docker index and manifest documents into checked shapes. Nothing here
// trusts a field: sizes must be safe non-negative integers, digests go through parseDigest (other
// algorithms are kept for display but never used to find a blob), media types are compared with
// the descriptor that pointed here. Problems are collected so the rest stays visible; only a
// document that cannot be read as what it claims to be throws.

import { isOtherAlgorithmDigest, isSha256Digest, type Digest } from '../digest.ts';
import type { Platform } from './types.ts';
import { CONFIG_TYPES, INDEX_TYPES, MANIFEST_TYPES } from './media-types.ts';
import { DocumentError } from './parse-json.ts';
import { error, warning, type ProblemSink } from '../problem.ts';

export interface ParsedDescriptor {
  mediaType: string;
  /** The digest as written; display only. */
  digest: string;
  /** The validated sha256 digest; null when invalid or another algorithm (shown unverified). */
  sha256: Digest | null;
  /** Declared size; -1 when the field was not a safe non-negative integer. */
  size: number;
  platform?: Platform;
  annotations?: Record<string, string>;
  artifactType?: string;
  urls?: string[];
}

export interface ParsedIndex {
  mediaType?: string;
  manifests: ParsedDescriptor[];
  annotations?: Record<string, string>;
  subject?: ParsedDescriptor;
}

export interface ParsedManifest {
  mediaType?: string;
  artifactType?: string;
  config: ParsedDescriptor | null;
  layers: ParsedDescriptor[];
  annotations?: Record<string, string>;
  subject?: ParsedDescriptor;
}

export type DocumentKind = 'index' | 'manifest' | 'config' | 'unknown';

export function isObject(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

/** What a document is by its fields; one that is both an index and a manifest is refused. */
export function classifyDocument(value: unknown, name: string): DocumentKind {
  if (!isObject(value)) throw new DocumentError(`${name}: expected a JSON object, got ${kindOf(value)}`);
  const looksIndex = 'manifests' in value;
  // An image config also has a "config" key (the runtime settings); a manifest's is a descriptor.
  const looksManifest = 'layers' in value || (isObject(value.config) && 'digest' in value.config);
  if (looksIndex && looksManifest) {
    throw new DocumentError(`${name}: has both "manifests" (an index) and "config"/"layers" (a manifest); refusing to guess which it is`);
  }
  if (looksIndex) return 'index';
  if (looksManifest) return 'manifest';
  if ('rootfs' in value || 'architecture' in value) return 'config';
  return 'unknown';
}

export function parseIndex(value: unknown, name: string, problems: ProblemSink, descriptorType?: string): ParsedIndex {
  const kind = classifyDocument(value, name);
  if (kind !== 'index') throw new DocumentError(`${name}: not an index (no "manifests" list; looks like ${kind})`);
  const doc = value as Record<string, unknown>;
  const mediaType = checkDocumentMediaType(doc, name, INDEX_TYPES, 'index', problems, descriptorType);
  checkSchemaVersion(doc, name, problems);
  let manifests: ParsedDescriptor[] = [];
  if (doc.manifests === null) warning(problems, name, '"manifests" is null; treated as an empty list');
  else manifests = descriptorList(doc.manifests, 'manifests', name, problems);
  return {
    mediaType,
    manifests,
    annotations: parseAnnotations(doc.annotations, `${name} annotations`, problems),
    subject: doc.subject === undefined ? undefined : (parseDescriptor(doc.subject, `${name} subject`, problems) ?? undefined),
  };
}

export function parseManifest(value: unknown, name: string, problems: ProblemSink, descriptorType?: string): ParsedManifest {
  const kind = classifyDocument(value, name);
  if (kind !== 'manifest') throw new DocumentError(`${name}: not a manifest (no "config"/"layers"; looks like ${kind})`);
  const doc = value as Record<string, unknown>;
  const mediaType = checkDocumentMediaType(doc, name, MANIFEST_TYPES, 'manifest', problems, descriptorType);
  checkSchemaVersion(doc, name, problems);
  const config = doc.config === undefined ? null : parseDescriptor(doc.config, `${name} config`, problems);
  if (!config) error(problems, name, 'has no usable "config" descriptor');
  else if (!CONFIG_TYPES.includes(config.mediaType)) {
    warning(problems, `${name} config`, `media type ${JSON.stringify(config.mediaType)} is not an image config; shown as an opaque blob`);
  }
  let layers: ParsedDescriptor[] = [];
  if (doc.layers === null || doc.layers === undefined) {
    warning(problems, name, `"layers" is ${doc.layers === null ? 'null' : 'missing'}; the image has no layers`);
  } else {
    layers = descriptorList(doc.layers, 'layers', name, problems);
    if (Array.isArray(doc.layers) && doc.layers.length === 0) warning(problems, name, 'has no layers');
  }
  return {
    mediaType,
    artifactType: typeof doc.artifactType === 'string' ? doc.artifactType : undefined,
    config,
    layers,
    annotations: parseAnnotations(doc.annotations, `${name} annotations`, problems),
    subject: doc.subject === undefined ? undefined : (parseDescriptor(doc.subject, `${name} subject`, problems) ?? undefined),
  };
}

/** More descriptors in one list than any real index or manifest has; the rest are not read. */
export const MAX_DESCRIPTORS = 10_000;

/** The usable descriptors of a list field; a field that is not a list is an error and gives none. */
function descriptorList(value: unknown, field: string, name: string, problems: ProblemSink): ParsedDescriptor[] {
  if (!Array.isArray(value)) {
    error(problems, name, `"${field}" is ${kindOf(value)}, expected a list`);
    return [];
  }
  if (value.length > MAX_DESCRIPTORS) {
    error(problems, name, `"${field}" lists ${value.length} descriptors, more than the limit of ${MAX_DESCRIPTORS}; only the first ${MAX_DESCRIPTORS} are read`);
  }
  const out: ParsedDescriptor[] = [];
  const count = Math.min(value.length, MAX_DESCRIPTORS);
  for (let i = 0; i < count; i++) {
    const descriptor = parseDescriptor(value[i], `${name} ${field}[${i}]`, problems);
    if (descriptor) out.push(descriptor);
  }
  return out;
}

/** A descriptor with every field checked; null only when it is not an object at all. */
export function parseDescriptor(value: unknown, where: string, problems: ProblemSink): ParsedDescriptor | null {
  if (!isObject(value)) {
    error(problems, where, `descriptor is ${kindOf(value)}, expected an object`);
    return null;
  }
  let mediaType = '';
  if (typeof value.mediaType === 'string') mediaType = value.mediaType;
  else error(problems, where, `"mediaType" is ${kindOf(value.mediaType)}, expected a string`);
  const digest = typeof value.digest === 'string' ? value.digest : '';
  let sha256: Digest | null = null;
  if (isSha256Digest(digest)) sha256 = digest;
  else if (isOtherAlgorithmDigest(digest)) {
    warning(problems, where, `digest ${JSON.stringify(digest.slice(0, 100))} uses an algorithm other than sha256; shown unverified`);
  } else {
    error(problems, where, `digest ${shownValue(value.digest)} is not a sha256 digest (expected "sha256:" + 64 lowercase hex); the blob it names is not looked up`);
  }
  const size = parseSize(value.size, where, problems);
  const descriptor: ParsedDescriptor = { mediaType, digest, sha256, size };
  if (value.platform !== undefined) {
    const p = value.platform;
    if (isObject(p) && typeof p.architecture === 'string' && typeof p.os === 'string') {
      descriptor.platform = {
        architecture: p.architecture,
        os: p.os,
        ...(typeof p.variant === 'string' ? { variant: p.variant } : {}),
        ...(typeof p['os.version'] === 'string' ? { 'os.version': p['os.version'] } : {}),
      };
    } else warning(problems, where, '"platform" lacks string "architecture" and "os"; ignored');
  }
  const annotations = parseAnnotations(value.annotations, `${where} annotations`, problems);
  if (annotations) descriptor.annotations = annotations;
  if (typeof value.artifactType === 'string') descriptor.artifactType = value.artifactType;
  if (Array.isArray(value.urls)) descriptor.urls = value.urls.filter((u): u is string => typeof u === 'string');
  return descriptor;
}

function parseSize(value: unknown, where: string, problems: ProblemSink): number {
  if (typeof value === 'number' && Number.isSafeInteger(value) && value >= 0) return value;
  error(problems, where, `"size" ${shownValue(value)} is not a non-negative safe integer`);
  return -1;
}

function parseAnnotations(value: unknown, where: string, problems: ProblemSink): Record<string, string> | undefined {
  if (value === undefined || value === null) return undefined;
  if (!isObject(value)) {
    warning(problems, where, `is ${kindOf(value)}, expected an object of strings; ignored`);
    return undefined;
  }
  const out: Record<string, string> = {};
  for (const [k, v] of Object.entries(value)) {
    if (typeof v === 'string') out[k] = v;
    else warning(problems, where, `value of ${JSON.stringify(k)} is ${kindOf(v)}, not a string; ignored`);
  }
  return out;
}

function checkDocumentMediaType(
  doc: Record<string, unknown>,
  name: string,
  allowed: readonly string[],
  role: string,
  problems: ProblemSink,
  descriptorType: string | undefined,
): string | undefined {
  const own = doc.mediaType;
  if (own === undefined) return undefined;
  if (typeof own !== 'string') {
    error(problems, name, `"mediaType" is ${kindOf(own)}, expected a string`);
    return undefined;
  }
  if (!allowed.includes(own)) error(problems, name, `"mediaType" ${JSON.stringify(own)} is not an ${role} media type`);
  if (descriptorType !== undefined && descriptorType !== own) {
    error(problems, name, `"mediaType" ${JSON.stringify(own)} contradicts the descriptor that points here (${JSON.stringify(descriptorType)})`);
  }
  return own;
}

function checkSchemaVersion(doc: Record<string, unknown>, name: string, problems: ProblemSink): void {
  if (doc.schemaVersion !== 2) {
    warning(problems, name, `"schemaVersion" is ${doc.schemaVersion === undefined ? 'missing' : shownValue(doc.schemaVersion)}, expected 2`);
  }
}

/**
 * A value from an untrusted document for a message: strings quoted and cut at 100 characters,
 * numbers, booleans and null as JSON, anything else by its kind. Never String(value): an
 * object's own "toString" key would run (or throw) there.
 */
export function shownValue(value: unknown): string {
  if (typeof value === 'string') return JSON.stringify(value.slice(0, 100));
  if (typeof value === 'number' || typeof value === 'boolean' || value === null) return JSON.stringify(value);
  return kindOf(value);
}

export function kindOf(value: unknown): string {
  if (value === null) return 'null';
  if (Array.isArray(value)) return 'a list';
  if (value === undefined) return 'missing';
  return typeof value === 'object' ? 'an object' : `a ${typeof value}`;
}
