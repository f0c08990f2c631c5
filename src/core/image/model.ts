// The one model of an image, after go-containerregistry's pkg/v1: an index names images, an image
// is a config plus an ordered list of layers, a layer is a blob with its diff_id. Every document is
// kept as the exact bytes its digest names, beside their parsed value. Readers (OCI layout, docker
// save in both forms), the engine's builds and the mutations all produce this; the writers (OCI
// zip, image tar) consume it. Plain data only, so a model crosses worker boundaries as it is:
// blobs are Blobs, which in this app are always lazy (a slice of the user's archive, an OPFS file,
// or memory), never bytes read ahead.

import type { Digest } from '../digest.ts';
import type { Descriptor, ImageConfig, Index, Manifest } from '../oci/types.ts';

/** A JSON document exactly as stored: its bytes, their parsed value, and the descriptor naming them. */
export interface RawDocument<T> {
  bytes: Uint8Array;
  value: T;
  /** mediaType, and the digest and size of exactly `bytes`. */
  descriptor: Descriptor;
}

export interface Layer {
  /** mediaType, digest and size of the blob as stored (compressed or not). */
  descriptor: Descriptor;
  /** SHA-256 of the uncompressed tar: what the config's rootfs.diff_ids lists. */
  diffId: Digest;
  /** Bytes of the uncompressed tar, when known. */
  tarSize?: number;
  /** The blob's bytes, compressed as `descriptor.mediaType` says. */
  blob: Blob;
}

export interface Image {
  manifest: RawDocument<Manifest>;
  config: RawDocument<ImageConfig>;
  /** Bottom layer first, as the manifest lists them. */
  layers: readonly Layer[];
}

/**
 * An index and the images it names: an OCI layout's worth, what the composer builds and writers
 * take. One image is named by index.json itself; several (one per platform) by an image index
 * blob that index.json names, as `docker buildx` and `skopeo copy --all` lay them out.
 */
export interface ImageIndex {
  /** index.json of the layout. */
  index: RawDocument<Index>;
  /** With several images: the image index listing one manifest per platform. */
  imageIndex?: RawDocument<Index>;
  /** The images, in the order their index lists them. */
  images: readonly Image[];
  /** The normalised reference every manifest of the index is named by, e.g. `docker.io/library/app:1.0`. */
  name?: string;
}

/**
 * Where blobs come from, addressed by digest: an OCI layout inside an archive or folder today, a
 * registry or the engine's own store tomorrow. Readers look blobs up through one of these and
 * never build a path or URL from a string they were given.
 */
export interface BlobSource<Ref extends { blob?: Blob }> {
  /** What the source holds under `digest` (its `blob` is absent when not included); `role` is
   *  what the descriptor naming it says the blob is. */
  get(digest: Digest, role: BlobRole): Promise<Ref>;
}

export type BlobRole = 'index' | 'manifest' | 'config' | 'layer' | 'other';
