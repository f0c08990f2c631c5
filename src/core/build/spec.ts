// What the engine builds from: a plain description of an image. The composer edits one of these,
// the worker passes it to buildImage, and tests write them by hand.

import type { FsEntry } from '../fs/entry.ts';
import type { ContainerConfig, Descriptor, Platform } from '../oci/types.ts';
import type { Digest } from '../digest.ts';
import type { Image } from '../image/model.ts';

/** A layer built from entries (tar -> gzip in one streaming pass). */
export interface EntriesLayer {
  kind: 'entries';
  entries: FsEntry[];
  /** History text for this layer, e.g. `COPY bin/ /bin/`. */
  createdBy?: string;
  comment?: string;
}

/** A layer copied byte for byte from an existing image (editing an uploaded image). */
export interface BlobLayer {
  kind: 'blob';
  descriptor: Descriptor;
  diffId: Digest;
  blob: Blob;
  /** Uncompressed tar size, when the reader measured it. */
  tarSize?: number;
  createdBy?: string;
  comment?: string;
}

export type LayerSpec = EntriesLayer | BlobLayer;

export interface ImageSpec {
  platform: Platform;
  config: ContainerConfig;
  /** RFC 3339; also every tar entry's default mtime. Defaults to 1970-01-01T00:00:00Z. */
  created?: string;
  author?: string;
  layers: LayerSpec[];
  /** Manifest annotations. */
  annotations?: Record<string, string>;
  /** Image reference such as `example.com/app:1.0` or `app:latest`; names the archive's image. */
  name?: string;
  /** Editing: the image `layers` go on top of; its config is the starting point (see edit.ts). */
  base?: Image;
}

export const EPOCH = '1970-01-01T00:00:00Z';
