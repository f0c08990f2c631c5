// Parsing Docker's own `docker save` files: `manifest.json` (the list of images with their config
// and layer paths) and the legacy `repositories` file. Paths from these files are archive paths
// chosen by whoever wrote the archive: they are checked before anything looks them up.

import { classifyDocument, isObject, kindOf, MAX_DESCRIPTORS } from './parse.ts';
import { DocumentError } from './parse-json.ts';
import { error, warning, type ProblemSink } from '../problem.ts';

export interface DockerManifestEntry {
  /** Archive path of the config, e.g. `blobs/sha256/<hex>` or `<hex>.json`. */
  config: string;
  repoTags: string[];
  /** Archive paths of the layers, bottom first. */
  layers: string[];
}

/** Images and image names one archive may list; past these the rest are not read (and said so). */
export const MAX_IMAGES = 1000;
export const MAX_NAMES = 1000;

export function parseDockerManifest(value: unknown, name: string, problems: ProblemSink): DockerManifestEntry[] {
  if (!Array.isArray(value)) {
    if (isObject(value)) classifyDocument(value, name);
    throw new DocumentError(`${name}: expected a list of images, got ${kindOf(value)}`);
  }
  const out: DockerManifestEntry[] = [];
  if (value.length > MAX_IMAGES) error(problems, name, `lists ${value.length} images, more than the limit of ${MAX_IMAGES}; only the first ${MAX_IMAGES} are read`);
  const names = new NameSet(name, problems);
  value.slice(0, MAX_IMAGES).forEach((item, i) => {
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
      if (item.Layers.length > MAX_DESCRIPTORS) error(problems, where, `"Layers" lists ${item.Layers.length} paths; only the first ${MAX_DESCRIPTORS} are read`);
      item.Layers.slice(0, MAX_DESCRIPTORS).forEach((l, j) => {
        const path = archivePath(l, `${where} Layers[${j}]`, problems);
        if (path !== null) layers.push(path);
      });
    }
    const repoTags: string[] = [];
    if (Array.isArray(item.RepoTags)) for (const t of item.RepoTags) if (typeof t === 'string' && names.add(t)) repoTags.push(t);
    out.push({ config, repoTags, layers });
  });
  names.finish();
  if (out.length === 0) warning(problems, name, 'lists no images');
  return out;
}

/**
 * Image names without repeats (a Set, not a list search: 300 000 tags must stay linear) and at
 * most MAX_NAMES of them; how many more there were is said once, at the end.
 */
class NameSet {
  private seen = new Set<string>();
  private dropped = 0;
  constructor(
    private readonly name: string,
    private readonly problems: ProblemSink,
  ) {}

  /** True when `tag` is new and still fits. */
  add(tag: string): boolean {
    if (this.seen.has(tag)) return false;
    if (this.seen.size >= MAX_NAMES) {
      this.dropped++;
      return false;
    }
    this.seen.add(tag);
    return true;
  }

  finish(): void {
    if (this.dropped > 0) warning(this.problems, this.name, `names ${MAX_NAMES} images and ${this.dropped} more; only the first ${MAX_NAMES} names are shown`);
  }
}

/** Names from the legacy `repositories` file: `{ "name": { "tag": "<id>" } }`. */
export function parseRepositories(value: unknown, name: string, problems: ProblemSink): string[] {
  if (!isObject(value)) {
    warning(problems, name, `is ${kindOf(value)}, expected an object; ignored`);
    return [];
  }
  const names: string[] = [];
  const unique = new NameSet(name, problems);
  for (const [repo, tags] of Object.entries(value)) {
    if (!isObject(tags)) continue;
    for (const tag in tags) if (unique.add(`${repo}:${tag}`)) names.push(`${repo}:${tag}`);
  }
  unique.finish();
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
