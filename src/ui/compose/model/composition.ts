// What the composer edits: layers of FsEntry (the engine's own entry model, keyed by path) and the
// config fields as the user typed them, optionally on top of a base image's read-only layers. The
// build turns this into an ImageSpec (see to-spec.ts).

import type { FsEntry } from '../../../core/fs/entry.ts';
import { EPOCH } from '../../../core/build/spec.ts';
import type { BaseLayerInfo, BaseSource } from '../../../core/edit/base.ts';
import type { Image } from '../../../core/image/model.ts';

/** What one layer holds: entries by normalised path, and the lower paths it deletes. */
export interface LayerFiles {
  /** Every entry of this layer by its normalised path (`bin/busybox`). */
  entries: Record<string, FsEntry>;
  /** Paths of lower layers this layer deletes (whiteouts), sorted; a path may be deleted and put back. */
  deleted: string[];
  /**
   * Changed on every change (nextRevision): with the layer's id it fingerprints the files, so
   * unchanged ones are not rebuilt and their tree is not made again.
   */
  revision: number;
}

export interface ComposeLayer extends LayerFiles {
  id: string;
  /** History `created_by` text. */
  createdBy: string;
  /** A per-platform layer: each platform's own files, by platform id (its shared files stay empty). */
  perPlatform?: Record<string, LayerFiles>;
}

/** Config fields exactly as typed; parsing happens in fields/*.ts so errors can point at lines. */
export interface ConfigDraft {
  entrypoint: string;
  cmd: string;
  env: string;
  ports: string;
  labels: string;
  volumes: string;
  workingDir: string;
  user: string;
  stopSignal: string;
  annotations: string;
}

export interface PlatformDraft {
  /** Stable key of the platform in this composition: its per-platform files and overrides live under it. */
  id: string;
  os: string;
  architecture: string;
  variant: string;
  /** Config fields this platform sets differently from the shared config. */
  overrides: Partial<ConfigDraft>;
  /** Editing an image: this platform's base image. */
  base?: ComposeBase;
}

/** The image an edit starts from: read-only layers under the composition's own. */
export interface ComposeBase {
  source: BaseSource;
  /** What the layers panel shows of each base layer, kept even while the bytes are not here. */
  layers: BaseLayerInfo[];
  /** The base as opened (the model and each layer's entries); absent until its archive is read. */
  loaded?: { image: Image; entries: FsEntry[][] };
}

/** How the image is written out: its layers' compression, and whether they are squashed into one. */
export interface OutputOptions {
  compression: 'keep' | 'gzip' | 'zstd' | 'none';
  squash: boolean;
}

export interface Composition {
  name: string;
  created: string;
  author: string;
  /** At least one; each becomes one image of the index. */
  platforms: PlatformDraft[];
  /** The config every platform shares (a platform's overrides win). */
  config: ConfigDraft;
  /** Bottom first; shared by every platform unless marked per-platform. */
  layers: ComposeLayer[];
  output: OutputOptions;
}

export const emptyConfig = (): ConfigDraft => ({
  entrypoint: '', cmd: '', env: '', ports: '', labels: '', volumes: '', workingDir: '', user: '', stopSignal: '', annotations: '',
});

export const defaultOutput = (): OutputOptions => ({ compression: 'keep', squash: false });

let lastRevision = 0;

/**
 * A revision above `current` that this page never handed out before. Counting up per layer would
 * let an edit made after an undo reuse the undone edit's revision, and so be given its cached
 * build and tree.
 */
export function nextRevision(current: number): number {
  lastRevision = Math.max(lastRevision, current) + 1;
  return lastRevision;
}

let idCounter = 0;
function newId(kind: string): string {
  idCounter++;
  return `${kind}-${Date.now().toString(36)}-${idCounter}-${Math.random().toString(36).slice(2, 6)}`;
}

export function newLayer(createdBy: string): ComposeLayer {
  return { id: newId('layer'), createdBy, entries: {}, deleted: [], revision: 0 };
}

export function newPlatform(os: string, architecture: string, variant = ''): PlatformDraft {
  return { id: newId('platform'), os, architecture, variant, overrides: {} };
}

export function emptyComposition(): Composition {
  return {
    name: 'app:latest',
    created: EPOCH,
    author: '',
    platforms: [newPlatform('linux', 'amd64')],
    config: emptyConfig(),
    layers: [newLayer('COPY . / # layer 1')],
    output: defaultOutput(),
  };
}

/** How many layers lie under the composition's own (0 for a new image). */
export function baseCount(view: { base?: ComposeBase }): number {
  return view.base?.layers.length ?? 0;
}

/** No files, deletions, base or command anywhere: an image that would run nothing. */
export function isEmptyComposition(c: Composition): boolean {
  const noFiles = c.layers.every((layer) => [layer, ...Object.values(layer.perPlatform ?? {})].every((f) => Object.keys(f.entries).length === 0 && f.deleted.length === 0));
  const noCommand = [c.config, ...c.platforms.map((p) => p.overrides)].every((d) => !d.entrypoint?.trim() && !d.cmd?.trim());
  return noFiles && noCommand && c.platforms.every((p) => !p.base);
}
