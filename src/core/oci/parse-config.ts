// Parsing an untrusted image config (OCI or Docker): the fields the inspector shows and the ones
// verification needs (rootfs.diff_ids, history). Problems are collected, not thrown.

import { isSha256Digest, type Digest } from '../digest.ts';
import type { HistoryEntry } from './types.ts';
import { classifyDocument, isObject, kindOf, MAX_DESCRIPTORS, shownValue } from './parse.ts';
import { DocumentError } from './parse-json.ts';
import { error, warning, type ProblemSink } from '../problem.ts';

export interface ParsedConfig {
  architecture?: string;
  os?: string;
  variant?: string;
  created?: string;
  author?: string;
  /** `rootfs.type` as written; anything but `layers` is flagged. */
  rootfsType?: string;
  /** `rootfs.diff_ids`; null where an entry is not a valid sha256 digest. */
  diffIds: (Digest | null)[];
  history: HistoryEntry[];
  /** The runtime `config` object (Env, Entrypoint, Cmd, …) as written, for display. */
  runtime?: Record<string, unknown>;
}

export function parseConfig(value: unknown, name: string, problems: ProblemSink): ParsedConfig {
  const kind = classifyDocument(value, name);
  if (kind === 'index' || kind === 'manifest') throw new DocumentError(`${name}: expected an image config, found an ${kind}`);
  const doc = value as Record<string, unknown>;
  const str = (key: string): string | undefined => {
    const v = doc[key];
    if (v === undefined) return undefined;
    if (typeof v === 'string') return v;
    warning(problems, name, `"${key}" is ${kindOf(v)}, expected a string`);
    return undefined;
  };
  const parsed: ParsedConfig = {
    architecture: str('architecture'),
    os: str('os'),
    variant: str('variant'),
    created: str('created'),
    author: str('author'),
    diffIds: [],
    history: [],
  };
  if (parsed.architecture === undefined || parsed.os === undefined) {
    warning(problems, name, 'lacks "architecture" or "os"');
  }
  if (isObject(doc.config)) parsed.runtime = doc.config;
  else if (doc.config !== undefined && doc.config !== null) warning(problems, name, `"config" is ${kindOf(doc.config)}, expected an object`);

  const rootfs = doc.rootfs;
  if (!isObject(rootfs)) {
    error(problems, name, `"rootfs" is ${kindOf(rootfs)}, expected an object with "type" and "diff_ids"`);
  } else {
    parsed.rootfsType = typeof rootfs.type === 'string' ? rootfs.type : undefined;
    if (rootfs.type !== 'layers') {
      error(problems, name, `"rootfs.type" is ${rootfs.type === undefined ? 'missing' : shownValue(rootfs.type)}, expected "layers"`);
    }
    if (!Array.isArray(rootfs.diff_ids)) {
      error(problems, name, `"rootfs.diff_ids" is ${kindOf(rootfs.diff_ids)}, expected a list`);
    } else {
      const ids = rootfs.diff_ids;
      if (ids.length > MAX_DESCRIPTORS) error(problems, name, `"rootfs.diff_ids" lists ${ids.length} layers, more than the limit of ${MAX_DESCRIPTORS}; only the first ${MAX_DESCRIPTORS} are read`);
      for (let i = 0; i < Math.min(ids.length, MAX_DESCRIPTORS); i++) {
        const d: unknown = ids[i];
        if (isSha256Digest(d)) parsed.diffIds.push(d);
        else {
          error(problems, `${name} rootfs.diff_ids[${i}]`, `${shownValue(d)} is not a sha256 digest; this layer's content cannot be verified`);
          parsed.diffIds.push(null);
        }
      }
    }
  }

  if (Array.isArray(doc.history)) {
    const history = doc.history.slice(0, MAX_DESCRIPTORS);
    if (doc.history.length > MAX_DESCRIPTORS) warning(problems, name, `"history" has ${doc.history.length} entries; only the first ${MAX_DESCRIPTORS} are read`);
    parsed.history = history.map((h, i) => parseHistoryEntry(h, `${name} history[${i}]`, problems));
  } else if (doc.history !== undefined && doc.history !== null) {
    warning(problems, name, `"history" is ${kindOf(doc.history)}, expected a list`);
  }
  return parsed;
}

function parseHistoryEntry(value: unknown, where: string, problems: ProblemSink): HistoryEntry {
  if (!isObject(value)) {
    warning(problems, where, `is ${kindOf(value)}, expected an object`);
    return {};
  }
  const entry: HistoryEntry = {};
  for (const key of ['created', 'created_by', 'author', 'comment'] as const) {
    if (typeof value[key] === 'string') entry[key] = value[key];
  }
  if (value.empty_layer === true) entry.empty_layer = true;
  return entry;
}
