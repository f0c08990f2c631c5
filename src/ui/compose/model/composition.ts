// What the composer edits: layers of FsEntry (the engine's own entry model, keyed by path) and the
// config fields as the user typed them, optionally on top of a base image's read-only layers. The
// build turns this into an ImageSpec (see to-spec.ts).

import type { FsEntry } from '../../../core/fs/entry.ts';
import { EPOCH } from '../../../core/build/spec.ts';
import type { BaseLayerInfo, BaseSource } from '../../../core/edit/base.ts';
import type { Image } from '../../../core/image/model.ts';

export interface ComposeLayer {
  id: string;
  /** History `created_by` text. */
  createdBy: string;
  /** Every entry of this layer by its normalised path (`bin/busybox`). */
  entries: Record<string, FsEntry>;
  /** Paths of lower layers this layer deletes (whiteouts), sorted; a path may be deleted and put back. */
  deleted: string[];
  /** Bumped on every change: with `id` it fingerprints the layer, so unchanged layers are not rebuilt. */
  revision: number;
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
  os: string;
  architecture: string;
  variant: string;
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
  platform: PlatformDraft;
  config: ConfigDraft;
  layers: ComposeLayer[];
  base?: ComposeBase;
  output: OutputOptions;
}

export const emptyConfig = (): ConfigDraft => ({
  entrypoint: '', cmd: '', env: '', ports: '', labels: '', volumes: '', workingDir: '', user: '', stopSignal: '', annotations: '',
});

export const defaultOutput = (): OutputOptions => ({ compression: 'keep', squash: false });

let idCounter = 0;
export function newLayerId(): string {
  idCounter++;
  return `layer-${Date.now().toString(36)}-${idCounter}-${Math.random().toString(36).slice(2, 6)}`;
}

export function newLayer(createdBy: string): ComposeLayer {
  return { id: newLayerId(), createdBy, entries: {}, deleted: [], revision: 0 };
}

export function emptyComposition(): Composition {
  return {
    name: 'app:latest',
    created: EPOCH,
    author: '',
    platform: { os: 'linux', architecture: 'amd64', variant: '' },
    config: emptyConfig(),
    layers: [newLayer('COPY . / # layer 1')],
    output: defaultOutput(),
  };
}

/** How many layers lie under the composition's own (0 for a new image). */
export function baseCount(c: Pick<Composition, 'base'>): number {
  return c.base?.layers.length ?? 0;
}
