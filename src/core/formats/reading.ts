// The inspected image: what the inspector learned from an archive, whatever its format. Readers
// (OCI layout, Docker 25+ docker save, legacy docker save) all produce this one shape; the UI,
// verification and the layer views read only this. Untrusted values stay as parsed documents with
// their problems attached, so a broken part is shown next to everything that parsed fine.

import type { Digest } from '../digest.ts';
import type { Platform } from '../oci/types.ts';
import type { ParsedDescriptor, ParsedIndex, ParsedManifest } from '../oci/parse.ts';
import type { ParsedConfig } from '../oci/parse-config.ts';
import type { DockerManifestEntry } from '../oci/parse-docker.ts';
import type { ArchiveKind } from './archive.ts';
import { error, type Problem, type ProblemSink } from '../problem.ts';
import type { BlobRole, BlobSource, Image } from '../image/model.ts';

export type { BlobRole } from '../image/model.ts';

export type ImageFormat = 'oci-layout' | 'docker-save-oci' | 'docker-save-legacy' | 'registry';

export type { Problem } from '../problem.ts';

/** A JSON document as read: its exact text (what was hashed and parsed) and the parse result. */
export interface InspectedDocument<T> {
  /** Path inside the archive, e.g. `blobs/sha256/ab12…` or `index.json`. */
  path: string;
  /** The descriptor that pointed at this document, when one did. */
  descriptor?: ParsedDescriptor;
  /** The document's text; the UI renders it with digests linked to their blobs. */
  text: string;
  /** Exactly the bytes that were hashed and parsed (what a copied image keeps). */
  bytes: Uint8Array;
  /** SHA-256 of exactly these bytes. */
  digest: Digest;
  parsed: T;
}


/** A blob named by a descriptor: present in the archive (a Blob to slice), held by a registry (fetched when first needed), or not included. */
export interface BlobRef {
  /** Validated sha256 digest: the key of `InspectedImage.blobs`. */
  digest: Digest;
  role: BlobRole;
  /** Where the archive (or registry) holds it; `undefined` when the blob is not included (never fetched). */
  path?: string;
  blob?: Blob;
  /** Symlinks/hardlinks followed inside the archive to reach the bytes (legacy docker save). */
  viaLinks?: string[];
  /** For a registry's blob: downloads it (at most `size` bytes when known); blobOf keeps the result in `blob`. */
  fetch?: (opts: FetchBlobOptions) => Promise<Blob>;
}

export interface FetchBlobOptions {
  /** The size the descriptor gives (-1 when it gave none): more or fewer bytes are an error. */
  size?: number;
  signal?: AbortSignal;
  /** Bytes received so far, as they arrive (also for a download another caller started). */
  onBytes?: (received: number) => void;
}

/** A blob source that remembers what it handed out, by digest: what the readers look blobs up in. */
export interface ReadingBlobs extends BlobSource<BlobRef> {
  readonly refs: Map<Digest, BlobRef>;
}

/** True when the ref's bytes are there or can be fetched. */
export const isPresent = (ref: BlobRef | undefined): boolean => ref?.blob !== undefined || ref?.fetch !== undefined;

/** The ref's bytes: in the archive, or fetched now from the registry (once); undefined when not included. */
export async function blobOf(ref: BlobRef | undefined, opts: FetchBlobOptions = {}): Promise<Blob | undefined> {
  if (ref && !ref.blob && ref.fetch) ref.blob = await ref.fetch(opts);
  return ref?.blob;
}

/** blobOf, with a failed fetch recorded as a problem about `where` (and no blob) instead of thrown. */
export async function blobReported(ref: BlobRef, size: number, where: string, problems: ProblemSink): Promise<Blob | undefined> {
  try {
    const blob = await blobOf(ref, { size });
    if (!blob) error(problems, where, 'is not included in the archive');
    return blob;
  } catch (e) {
    error(problems, where, (e as Error).message);
    return undefined;
  }
}

/** One entry of an index, flattened through nested indexes. */
export interface ManifestChoice {
  descriptor: ParsedDescriptor;
  platform?: Platform;
  /** Digests of the indexes leading here, outermost first (empty for the top-level index). */
  indexPath: Digest[];
  /** An attestation/signature manifest (BuildKit `vnd.docker.reference.type`, in-toto) rather
   *  than a runnable image. */
  attestation: boolean;
  /** A nested index (its own manifests are flattened into the list after it). */
  nestedIndex: boolean;
}

export interface InspectedLayer {
  /** Position in the manifest's `layers`. */
  index: number;
  descriptor: ParsedDescriptor;
  /** Declared compression from the media type; null for media types that are not layers. */
  declaredCompression: 'none' | 'gzip' | 'zstd' | null;
  /** `rootfs.diff_ids[index]` from the config, when present and valid. */
  diffId?: Digest;
  /** The history entry that created this layer, paired past `empty_layer` entries. */
  history?: { index: number; created?: string; createdBy?: string; comment?: string; author?: string };
  /** Legacy docker save: the `<id>/layer.tar` path the layer came from. */
  archivePath?: string;
}

export interface InspectedImage {
  format: ImageFormat;
  /** The format is a guess from the names read: the archive has neither index.json nor manifest.json. */
  formatGuessed?: boolean;
  archiveKind: ArchiveKind | 'registry';
  /** `oci-layout` file contents, when present. */
  layoutVersion?: string;
  /** Top-level `index.json` (absent for legacy docker save). */
  index?: InspectedDocument<ParsedIndex>;
  /** Docker `manifest.json`, when present (legacy and Docker 25+). */
  dockerManifest?: InspectedDocument<DockerManifestEntry[]>;
  /** Every manifest reachable from the index, nested indexes flattened. */
  manifests: ManifestChoice[];
  /** Digest of the selected image manifest (one of `manifests`), when one could be chosen. */
  selected?: Digest;
  manifest?: InspectedDocument<ParsedManifest>;
  config?: InspectedDocument<ParsedConfig>;
  layers: InspectedLayer[];
  /** History entries from the config that created no layer (`empty_layer: true`), in order. */
  emptyHistory: { index: number; createdBy?: string; created?: string }[];
  /** Every blob a descriptor names, by digest; a missing one has no `blob`. */
  blobs: Map<Digest, BlobRef>;
  /** Image names from annotations, RepoTags or `repositories`. */
  names: string[];
  problems: Problem[];
  /** The selected image as the one image model (to copy, edit or export), or why it cannot be one. */
  model?: { image: Image } | { reasons: string[] };
}
