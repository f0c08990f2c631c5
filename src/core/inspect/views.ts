// What the inspection worker hands the UI: plain, structured-cloneable views of an opened archive
// (no class instances, no functions, no archive Blobs), so React only ever renders, never parses.

import type { Digest } from '../digest.ts';
import type { EntryType } from '../fs/entry.ts';
import type { ImageFormat, InspectedLayer, ManifestChoice, BlobRole, Problem } from '../formats/reading.ts';
import type { ArchiveKind } from '../formats/archive.ts';
import type { ParsedDescriptor } from '../oci/parse.ts';
import type { ParsedConfig } from '../oci/parse-config.ts';
import type { TarTvColumns } from './tar-tv.ts';
import type { ChangeKind, HiddenEntry } from '../fs/merge.ts';
import type { FsTreeNode } from '../fs/tree-node.ts';
import type { EfficiencyReport } from '../fs/efficiency.ts';

export type { BlobVerification, LayerVerification, VerificationReport, VerifyStatus } from './verify.ts';
export type { Problem } from '../formats/reading.ts';

/** A JSON document of the image: where it sits, its digest, its exact size and its parsed value. */
export interface DocumentView {
  path: string;
  digest: Digest;
  descriptor?: ParsedDescriptor;
  /** Bytes of the document as stored. */
  size: number;
  /** The document as parsed from its exact text (for the JSON view). */
  value: unknown;
}

export interface BlobSummary {
  digest: Digest;
  role: BlobRole;
  /** Where the archive holds it; absent when the blob is not included. */
  path?: string;
  present: boolean;
  /** Bytes actually stored in the archive. */
  storedSize?: number;
  viaLinks?: string[];
}

export interface ImageView {
  fileName: string;
  format: ImageFormat;
  formatGuessed?: boolean;
  archiveKind: ArchiveKind | 'registry';
  layoutVersion?: string;
  names: string[];
  index?: DocumentView;
  dockerManifest?: DocumentView;
  manifest?: DocumentView;
  config?: DocumentView & { parsed: ParsedConfig };
  manifests: ManifestChoice[];
  selected?: Digest;
  layers: InspectedLayer[];
  emptyHistory: { index: number; createdBy?: string; created?: string }[];
  blobs: BlobSummary[];
  problems: Problem[];
  /** Files indexed in the archive (or dropped folder); 0 for a pulled image. */
  archiveEntries: number;
  /** Where a pulled image came from (absent for archives). */
  pulledFrom?: PulledFrom;
  /** Time from the first byte read to this view, in milliseconds. */
  openMs: number;
  /** A legacy docker save has no manifest blob: the OCI manifest naming its config and layers, made here. */
  derivedManifest?: DocumentView;
  /** Whether the selected image can be the base of an edit, or why not. */
  editable: true | { reasons: string[] };
}

/** The registry and repository a pulled image came from, and what it was asked for by. */
export interface PulledFrom {
  /** The reference as the person can type it again, e.g. `localhost:5000/team/app:1.0`. */
  reference: string;
  /** `http://localhost:5000`: where its requests went. */
  origin: string;
  registry: string;
  repository: string;
  tag?: string;
  /** The digest of the document the reference names (an index or a manifest). */
  digest: Digest;
}

/** One line of a layer's `tar -tv` listing, with what it does to the layers below. */
export interface LayerRow {
  path: string;
  type: EntryType;
  tv: TarTvColumns;
  change: ChangeKind;
  size: number;
  linkname?: string;
  headerOffset: number;
  /** Set when a later layer hides this entry. */
  hiddenBy?: number;
  hiddenReason?: HiddenEntry['reason'];
  warnings: string[];
}

export interface LayerFiles {
  index: number;
  /** False when the layer was not read (missing blob, not a layer media type). */
  listed: boolean;
  /** False when reading stopped at an error; the rows before it are kept. */
  complete: boolean;
  compression?: string;
  /** Entries in the listing; the rows themselves are asked for page by page (layerRows). */
  rowCount: number;
  /** Bytes of this layer's files that later layers hide. */
  wastedBytes: number;
  problems: Problem[];
}

/** What analyse answers: the view without its tree and efficiency, which are asked for after it. */
export type FilesystemSummary = Omit<FilesystemView, 'tree' | 'efficiency'>;

export interface FilesystemView {
  layers: LayerFiles[];
  /**
   * The merged filesystem; hidden entries are included, struck through, with `hidden`. Null while
   * its pages are still coming: the layer lists do not wait for it.
   */
  tree: FsTreeNode[] | null;
  largest: { path: string; size: number; layer: number }[];
  wastedTotal: number;
  fileCount: number;
  totalBytes: number;
  /** dive's efficiency score and wasted bytes, computed as dive does; null, like the tree, until it comes. */
  efficiency: EfficiencyReport | null;
  problems: Problem[];
  analyseMs: number;
}

/** A file chosen in a layer listing or the merged tree. `hidden` picks the hidden copy from `layer`. */
export interface FileRequest {
  layer: number;
  path: string;
}

export type PreviewContent =
  | { kind: 'text'; text: string; truncated: boolean }
  | { kind: 'binary'; bytes: Uint8Array; truncated: boolean }
  | { kind: 'image'; blob: Blob; mime: string }
  | { kind: 'none'; note: string };

export interface FilePreview {
  path: string;
  layer: number;
  type: EntryType;
  tv: TarTvColumns;
  /** Where a link leads inside the image (never the host). */
  resolved?: { path: string; layer: number; hops: number; clamped: boolean };
  /** Why a link could not be followed, or the file not read. */
  error?: string;
  content: PreviewContent;
  /** True when the content can be downloaded as a file. */
  downloadable: boolean;
}

export interface VerifyProgress {
  done: number;
  total: number;
}
