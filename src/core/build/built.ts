// What the engine produces: every blob with its descriptor, plus the exact JSON bytes of the
// config, manifest and index. Writers (OCI zip, image tar) only arrange these; they never rebuild.

import type { Digest } from '../digest.ts';
import type { Descriptor, ImageConfig, Index, Manifest } from '../oci/types.ts';

export interface BuiltLayer {
  /** mediaType, digest and size of the compressed blob. */
  descriptor: Descriptor;
  /** SHA-256 of the uncompressed tar: goes into the config's rootfs.diff_ids. */
  diffId: Digest;
  /** Bytes of the uncompressed tar; unknown for a copied layer whose reader did not measure it. */
  tarSize?: number;
  /** The compressed blob; in the browser it may be backed by OPFS, in Node by memory. */
  blob: Blob;
}

/** A JSON document exactly as serialised, with the descriptor that names those bytes. */
export interface BuiltDocument<T> {
  doc: T;
  bytes: Uint8Array;
  descriptor: Descriptor;
}

export interface BuiltImage {
  layers: BuiltLayer[];
  config: BuiltDocument<ImageConfig>;
  manifest: BuiltDocument<Manifest>;
  /** index.json of the OCI layout (not itself a blob, but its descriptor is useful to show). */
  index: BuiltDocument<Index>;
  /** Normalised reference, e.g. `docker.io/library/app:latest`, when the spec named one. */
  name?: string;
}
