// One composition, several platforms: every platform sees the shared layers, and in a layer marked
// per-platform, its own files. A platform's view is a stack like any other (its base, then the
// layers as that platform has them), so the tree, the edits and the build work on it unchanged;
// edits made in a platform's view are written back where they belong (shared layers for all,
// per-platform files for that platform only).

import type { FsEntry } from '../../../core/fs/entry.ts';
import { nextRevision, type ComposeBase, type ComposeLayer, type Composition, type ConfigDraft, type LayerFiles, type PlatformDraft } from './composition.ts';

/** What one platform sees: its base and the layers as it has them. */
export interface PlatformView {
  platform: PlatformDraft;
  base?: ComposeBase;
  layers: ComposeLayer[];
}

/** `linux/arm64/v8`: how a platform is named to people and in the index. */
export function platformText(p: Pick<PlatformDraft, 'os' | 'architecture' | 'variant'>): string {
  return [p.os, p.architecture, p.variant].map((part) => part.trim()).filter(Boolean).join('/');
}

/** The platform with `id`, or the first one (a composition always has one). */
export function platformById(c: Pick<Composition, 'platforms'>, id: string | null | undefined): PlatformDraft {
  return c.platforms.find((p) => p.id === id) ?? c.platforms[0];
}

const EMPTY_FILES: LayerFiles = { entries: {}, deleted: [], revision: 0 };
const projected = new WeakMap<ComposeLayer[], Map<string, ComposeLayer[]>>();

/** The layers as platform `id` has them; the same array while nothing changes (views are memoised). */
export function layersFor(layers: ComposeLayer[], id: string): ComposeLayer[] {
  if (!layers.some((layer) => layer.perPlatform)) return layers;
  let byPlatform = projected.get(layers);
  if (!byPlatform) projected.set(layers, (byPlatform = new Map()));
  let view = byPlatform.get(id);
  if (!view) {
    view = layers.map((layer) => (layer.perPlatform ? { ...layer, ...(layer.perPlatform[id] ?? EMPTY_FILES) } : layer));
    byPlatform.set(id, view);
  }
  return view;
}

export function platformView(c: Composition, id: string | null | undefined): PlatformView {
  const platform = platformById(c, id);
  return { platform, base: platform.base, layers: layersFor(c.layers, platform.id) };
}

/** Layers edited in platform `id`'s view, written back: per-platform files for that platform, shared ones for all. */
export function fromPlatformView(layers: ComposeLayer[], id: string, edited: ComposeLayer[]): ComposeLayer[] {
  const view = layersFor(layers, id);
  return layers.map((layer, i) => {
    const next = edited[i];
    if (next === view[i]) return layer;
    if (!layer.perPlatform) return next;
    const files: LayerFiles = { entries: next.entries, deleted: next.deleted, revision: next.revision };
    return { ...layer, createdBy: next.createdBy, perPlatform: { ...layer.perPlatform, [id]: files } };
  });
}

/** A shared layer made per-platform (every platform starts with its files) or shared again (taking `keep`'s files). */
export function setPerPlatform(layer: ComposeLayer, platforms: readonly PlatformDraft[], perPlatform: boolean, keep: string): ComposeLayer {
  if (perPlatform) {
    if (layer.perPlatform) return layer;
    const files: LayerFiles = { entries: layer.entries, deleted: layer.deleted, revision: layer.revision };
    return { ...layer, ...EMPTY_FILES, revision: nextRevision(layer.revision), perPlatform: Object.fromEntries(platforms.map((p) => [p.id, files])) };
  }
  if (!layer.perPlatform) return layer;
  const { perPlatform: byPlatform, ...shared } = layer;
  const kept = byPlatform[keep] ?? EMPTY_FILES;
  return { ...shared, entries: kept.entries, deleted: kept.deleted, revision: nextRevision(Math.max(layer.revision, kept.revision)) };
}

/** True when the platforms' files in a per-platform layer differ (making it shared would drop some). */
export function platformFilesDiffer(layer: ComposeLayer): boolean {
  const all = Object.values(layer.perPlatform ?? {});
  const key = (files: LayerFiles) => JSON.stringify([Object.keys(files.entries).sort(), files.deleted]);
  return all.some((files) => key(files) !== key(all[0]) || Object.entries(files.entries).some(([path, entry]) => all[0].entries[path] !== entry));
}

/** Every entry map a layer holds: its shared files, and each platform's own. */
export function allFiles(layer: ComposeLayer): LayerFiles[] {
  return [layer, ...Object.values(layer.perPlatform ?? {})];
}

/** The config platform `p` builds with: the shared fields, its overrides winning. */
export function effectiveConfig(c: Pick<Composition, 'config'>, p: PlatformDraft): ConfigDraft {
  return { ...c.config, ...p.overrides };
}

/** Entries of a per-platform layer's files for platform `id` (for counting and checks). */
export function filesOf(layer: ComposeLayer, id: string): Record<string, FsEntry> {
  return layer.perPlatform ? (layer.perPlatform[id]?.entries ?? {}) : layer.entries;
}
