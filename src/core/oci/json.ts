// Deterministic JSON for the documents Layerpad writes (config, manifest, index, manifest.json).
// Like Go's encoding/json, which produced most images in the wild: struct fields in the order the
// spec declares them, map keys sorted by their UTF-8 bytes, no whitespace, no trailing newline.
// A document's digest is the SHA-256 of exactly these bytes.

import { compareUtf8 } from '../tar/order.ts';

/** How to order one JSON object: known fields first in this order, then any others sorted. */
export interface Shape {
  order?: readonly string[];
  /** Shapes of nested objects (for arrays: of their elements); unlisted values are maps. */
  fields?: Readonly<Record<string, Shape>>;
}

const PLATFORM: Shape = { order: ['architecture', 'os', 'os.version', 'os.features', 'variant'] };

const DESCRIPTOR: Shape = {
  order: ['mediaType', 'digest', 'size', 'urls', 'annotations', 'data', 'platform', 'artifactType'],
  fields: { platform: PLATFORM },
};

export const CONFIG_SHAPE: Shape = {
  order: ['created', 'author', 'architecture', 'os', 'os.version', 'os.features', 'variant', 'config', 'rootfs', 'history'],
  fields: {
    config: {
      order: ['User', 'ExposedPorts', 'Env', 'Entrypoint', 'Cmd', 'Volumes', 'WorkingDir', 'Labels', 'StopSignal', 'ArgsEscaped'],
    },
    rootfs: { order: ['type', 'diff_ids'] },
    history: { order: ['created', 'created_by', 'author', 'comment', 'empty_layer'] },
  },
};

export const MANIFEST_SHAPE: Shape = {
  order: ['schemaVersion', 'mediaType', 'artifactType', 'config', 'layers', 'subject', 'annotations'],
  fields: { config: DESCRIPTOR, layers: DESCRIPTOR, subject: DESCRIPTOR },
};

export const INDEX_SHAPE: Shape = {
  order: ['schemaVersion', 'mediaType', 'artifactType', 'manifests', 'subject', 'annotations'],
  fields: { manifests: DESCRIPTOR, subject: DESCRIPTOR },
};

/** Docker's `manifest.json`: an array of these. */
export const DOCKER_MANIFEST_SHAPE: Shape = { order: ['Config', 'RepoTags', 'Layers'] };

const MAP: Shape = {};
const utf8 = new TextEncoder();

/** Serialises `value`; without a shape every object is treated as a map (keys sorted). */
export function canonicalJson(value: unknown, shape: Shape = MAP): Uint8Array {
  return utf8.encode(serialise(value, shape, '$'));
}

function serialise(value: unknown, shape: Shape, where: string): string {
  if (value === null || typeof value === 'boolean' || typeof value === 'string') return JSON.stringify(value);
  if (typeof value === 'number') {
    if (!Number.isFinite(value)) throw new TypeError(`canonicalJson: ${where} is ${value}, not a finite number`);
    return JSON.stringify(value);
  }
  if (Array.isArray(value)) {
    return `[${value.map((item, i) => serialise(item, shape, `${where}[${i}]`)).join(',')}]`;
  }
  if (typeof value === 'object') {
    const record = value as Record<string, unknown>;
    const keys = Object.keys(record).filter((key) => record[key] !== undefined);
    const order = shape.order ?? [];
    const known = order.filter((key) => keys.includes(key));
    const rest = keys.filter((key) => !order.includes(key)).sort(compareUtf8);
    const members = [...known, ...rest].map(
      (key) => `${JSON.stringify(key)}:${serialise(record[key], shape.fields?.[key] ?? MAP, `${where}.${key}`)}`,
    );
    return `{${members.join(',')}}`;
  }
  throw new TypeError(`canonicalJson: ${where} is a ${typeof value}, which JSON cannot hold`);
}
