// What the composer edits: layers of FsEntry (the engine's own entry model, keyed by path) and the
// config fields as the user typed them. The build turns this into an ImageSpec (see to-spec.ts).

import type { FsEntry } from '../../../core/fs/entry.ts';
import { EPOCH } from '../../../core/build/spec.ts';

export interface ComposeLayer {
  id: string;
  /** History `created_by` text. */
  createdBy: string;
  /** Every entry of this layer by its normalised path (`bin/busybox`). */
  entries: Record<string, FsEntry>;
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

export interface Composition {
  name: string;
  created: string;
  author: string;
  platform: PlatformDraft;
  config: ConfigDraft;
  layers: ComposeLayer[];
}

export const emptyConfig = (): ConfigDraft => ({
  entrypoint: '', cmd: '', env: '', ports: '', labels: '', volumes: '', workingDir: '', user: '', stopSignal: '', annotations: '',
});

let idCounter = 0;
export function newLayerId(): string {
  idCounter++;
  return `layer-${Date.now().toString(36)}-${idCounter}-${Math.random().toString(36).slice(2, 6)}`;
}

export function newLayer(createdBy: string): ComposeLayer {
  return { id: newLayerId(), createdBy, entries: {}, revision: 0 };
}

export function emptyComposition(): Composition {
  return {
    name: 'app:latest',
    created: EPOCH,
    author: '',
    platform: { os: 'linux', architecture: 'amd64', variant: '' },
    config: emptyConfig(),
    layers: [newLayer('COPY . / # layer 1')],
  };
}
