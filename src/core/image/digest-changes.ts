// Which digests differ between two builds of an image index, and why each step of the chain
// changed or not: file bytes -> layer tar -> diff_id -> compression -> layer digest -> config ->
// manifest -> index. Only the models are compared (digests and parsed documents); nothing is
// read or hashed again. Layers are matched by position, as the manifest lists them.

import type { Digest } from '../digest.ts';
import type { ImageConfig } from '../oci/types.ts';
import type { Image, ImageIndex } from './model.ts';

export type DigestRole = 'diff_id' | 'layer digest' | 'config' | 'manifest' | 'image index' | 'index.json';

export interface DigestChange {
  /** Stable name of the digest across builds, e.g. `linux/amd64 L2 diff_id` (the platform only with several). */
  key: string;
  /** What people read: `L2 diff_id`, `config (linux/arm64)`. */
  label: string;
  role: DigestRole;
  /** Absent when the digest is new (a layer added). */
  before?: Digest;
  /** Absent when it is gone (a layer removed). */
  after?: Digest;
}

const platformOf = (image: Image) => [image.config.value.os, image.config.value.architecture, image.config.value.variant].filter(Boolean).join('/');

/** Every digest of an index by its key, in chain order: layers, config, manifest per image, then the indexes. */
export function namedDigests(index: ImageIndex): { key: string; label: string; role: DigestRole; digest: Digest }[] {
  const several = index.images.length > 1;
  const out: { key: string; label: string; role: DigestRole; digest: Digest }[] = [];
  for (const image of index.images) {
    const platform = platformOf(image);
    const name = (what: string) => ({ key: several ? `${platform} ${what}` : what, label: several ? `${what} (${platform})` : what });
    image.layers.forEach((layer, i) => {
      out.push({ ...name(`L${i + 1} diff_id`), role: 'diff_id', digest: layer.diffId });
      out.push({ ...name(`L${i + 1} digest`), role: 'layer digest', digest: layer.descriptor.digest });
    });
    out.push({ ...name('config'), role: 'config', digest: image.config.descriptor.digest });
    out.push({ ...name('manifest'), role: 'manifest', digest: image.manifest.descriptor.digest });
  }
  if (index.imageIndex) out.push({ key: 'image index', label: 'image index', role: 'image index', digest: index.imageIndex.descriptor.digest });
  out.push({ key: 'index.json', label: 'index.json', role: 'index.json', digest: index.index.descriptor.digest });
  return out;
}

/** The digests that differ, appeared or went away between `before` and `after`, in chain order. */
export function digestChanges(before: ImageIndex, after: ImageIndex): DigestChange[] {
  const old = new Map(namedDigests(before).map((d) => [d.key, d]));
  const changes: DigestChange[] = [];
  for (const d of namedDigests(after)) {
    const was = old.get(d.key);
    old.delete(d.key);
    if (was?.digest !== d.digest) changes.push({ key: d.key, label: d.label, role: d.role, ...(was ? { before: was.digest } : {}), after: d.digest });
  }
  for (const gone of old.values()) changes.push({ key: gone.key, label: gone.label, role: gone.role, before: gone.digest });
  return changes;
}

/** Config fields (top level, and `config.*` one level down) whose values differ; rootfs is left to the diff_ids. */
export function changedConfigFields(a: ImageConfig, b: ImageConfig): string[] {
  const fields: string[] = [];
  const compare = (x: Record<string, unknown>, y: Record<string, unknown>, prefix: string, skip: Set<string>) => {
    for (const key of new Set([...Object.keys(x), ...Object.keys(y)])) {
      if (skip.has(key)) continue;
      if (JSON.stringify(x[key]) !== JSON.stringify(y[key])) fields.push(`${prefix}${key}`);
    }
  };
  compare(a as unknown as Record<string, unknown>, b as unknown as Record<string, unknown>, '', new Set(['rootfs', 'config']));
  compare((a.config ?? {}) as Record<string, unknown>, (b.config ?? {}) as Record<string, unknown>, 'config.', new Set());
  return fields;
}
