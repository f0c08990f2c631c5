// Parsing Docker's own `docker save` files: `manifest.json` (the list of images with their config
// and layer paths) and the legacy `repositories` file. Paths from these files are archive paths
// chosen by whoever wrote the archive: they are checked before anything looks them up.

import { classifyDocument, isObject, kindOf } from './parse.ts';
import { DocumentError } from './parse-json.ts';
import { error, warning, type ProblemSink } from '../problem.ts';

export interface DockerManifestEntry {
  /** Archive path of the config, e.g. `blobs/sha256/<hex>` or `<hex>.json`. */
  config: string;
  repoTags: string[];
  /** Archive paths of the layers, bottom first. */
  layers: string[];
}

export function parseDockerManifest(value: unknown, name: string, problems: ProblemSink): DockerManifestEntry[] {
  if (!Array.isArray(value)) {
    if (isObject(value)) classifyDocument(value, name);
    throw new DocumentError(`${name}: expected a list of images, got ${kindOf(value)}`);
  }
  const out: DockerManifestEntry[] = [];
  value.forEach((item, i) => {
    const where = `${name} [${i}]`;
    if (!isObject(item)) {
      error(problems, where, `is ${kindOf(item)}, expected an object with Config and Layers`);
      return;
    }
    const config = archivePath(item.Config, `${where} Config`, problems);
    if (config === null) return;
    const layers: string[] = [];
    if (!Array.isArray(item.Layers)) {
      error(problems, where, `"Layers" is ${kindOf(item.Layers)}, expected a list of paths`);
    } else {
      item.Layers.forEach((l, j) => {
        const path = archivePath(l, `${where} Layers[${j}]`, problems);
        if (path !== null) layers.push(path);
      });
    }
    const repoTags = Array.isArray(item.RepoTags) ? item.RepoTags.filter((t): t is string => typeof t === 'string') : [];
    out.push({ config, repoTags, layers });
  });
  if (out.length === 0) warning(problems, name, 'lists no images');
  return out;
}

/** Names from the legacy `repositories` file: `{ "name": { "tag": "<id>" } }`. */
export function parseRepositories(value: unknown, name: string, problems: ProblemSink): string[] {
  if (!isObject(value)) {
    warning(problems, name, `is ${kindOf(value)}, expected an object; ignored`);
    return [];
  }
  const names: string[] = [];
  for (const [repo, tags] of Object.entries(value)) {
    if (!isObject(tags)) continue;
    for (const tag of Object.keys(tags)) names.push(`${repo}:${tag}`);
  }
  return names;
}

/** A relative archive path without `..`, `.`, empty or backslash segments; null (and an error) otherwise. */
export function archivePath(value: unknown, where: string, problems: ProblemSink): string | null {
  if (typeof value !== 'string' || value === '') {
    error(problems, where, `path is ${kindOf(value)}, expected a non-empty string`);
    return null;
  }
  const segments = value.split('/');
  const bad = value.startsWith('/') || value.includes('\\') || value.includes('\0') ||
    segments.some((s) => s === '..' || s === '.' || s === '');
  if (bad) {
    error(problems, where, `path ${JSON.stringify(value.slice(0, 200))} is absolute or contains "..", ".", empty or backslash segments; not looked up`);
    return null;
  }
  return value;
}
