// Opening an image archive as the base of an edit: read it, take the chosen image as the one
// image model, verify every blob and diff_id in one pass that also lists each layer's files, and
// hand back what the composer needs: the model (copied byte for byte on export), each base
// layer's entries for the merged tree, and where the base came from (to name it, and to ask for
// it again after a reload). A base that does not verify is refused: an edit must not ship a
// corrupt layer under a new name.

import type { Digest } from '../digest.ts';
import type { FsEntry } from '../fs/entry.ts';
import type { Image, Layer } from '../image/model.ts';
import { layerCompressionOf } from '../oci/media-types.ts';
import type { Descriptor, Platform } from '../oci/types.ts';
import { openImageArchive, type ArchiveInput } from '../formats/open.ts';
import type { InspectedImage } from '../formats/reading.ts';
import { verifyImage } from '../inspect/verify.ts';
import { readLayerFile, type LayerListing } from '../inspect/layer-entries.ts';

export interface BaseSource {
  /** The archive (or folder) as the person picked it. */
  fileName: string;
  size: number;
  /** What selects the image inside the archive again: the manifest digest (the config's for a legacy docker save). */
  selected: Digest;
  /** Digest of the base image's manifest (derived for a legacy docker save). */
  manifestDigest: Digest;
  platform: string;
  /** Platforms of the archive's other images, which the edit leaves out. */
  otherPlatforms: string[];
  names: string[];
}

export interface BaseLayerInfo {
  descriptor: Descriptor;
  diffId: Digest;
  createdBy?: string;
  created?: string;
  comment?: string;
}

export interface OpenedBase {
  source: BaseSource;
  layers: BaseLayerInfo[];
  image: Image;
  /** Each base layer's entries as listed, without contents (baseFile reads one when it is needed). */
  entries: FsEntry[][];
}

export class BaseError extends Error {
  override name = 'BaseError';
}

export interface OpenBaseOptions {
  /** The image to take (what BaseSource.selected says); default: the archive's default image. */
  selected?: Digest;
  signal?: AbortSignal;
  onProgress?: (done: number, total: number) => void;
}

/** The image `opts.selected` names in the archive (its default image when absent), as a base. */
export async function openBase(input: ArchiveInput, fileName: string, opts: OpenBaseOptions = {}): Promise<OpenedBase> {
  const [base] = await openBases(input, fileName, { ...opts, selected: opts.selected ? [opts.selected] : undefined });
  return base;
}

/**
 * The images `opts.selected` names, or when absent every platform of a multi-platform archive
 * (its default image when it has one platform), each verified and listed, in index order.
 */
export async function openBases(input: ArchiveInput, fileName: string, opts: Omit<OpenBaseOptions, 'selected'> & { selected?: Digest[] } = {}): Promise<OpenedBase[]> {
  const archive = await openImageArchive(input, { name: fileName, signal: opts.signal });
  const first = await archive.inspect(opts.selected ? { manifest: opts.selected[0] } : {});
  const wanted = opts.selected ?? platformsOf(first);
  const readings: InspectedImage[] = [];
  for (const digest of wanted) {
    const reading = digest === first.selected ? first : await archive.inspect({ manifest: digest });
    if (reading.selected !== digest) throw new BaseError(`${fileName} does not hold the image ${digest}`);
    readings.push(reading);
  }
  const total = readings.reduce((n, r) => n + r.layers.reduce((m, l) => m + Math.max(0, l.descriptor.size), 0), 0);
  let before = 0;
  const opened: OpenedBase[] = [];
  for (const reading of readings) {
    const progress = (done: number) => opts.onProgress?.(before + done, total);
    opened.push(await baseOf(reading, fileName, sizeOf(input), { signal: opts.signal, onProgress: progress }));
    before += reading.layers.reduce((m, l) => m + Math.max(0, l.descriptor.size), 0);
  }
  return opened;
}

/** Every platform's manifest of an index with several platforms; otherwise the selected image. */
function platformsOf(reading: InspectedImage): Digest[] {
  const seen = new Set<string>();
  const platforms = reading.manifests.filter((m) => {
    const digest = m.descriptor.sha256;
    if (!digest || !m.platform || m.nestedIndex || m.attestation || !reading.blobs.get(digest)?.blob) return false;
    const name = platformName(m.platform);
    if (seen.has(name)) return false;
    seen.add(name);
    return true;
  });
  if (platforms.length >= 2) return platforms.map((m) => m.descriptor.sha256!);
  return reading.selected ? [reading.selected] : [];
}

async function baseOf(reading: InspectedImage, fileName: string, size: number, opts: { signal?: AbortSignal; onProgress: (done: number) => void }): Promise<OpenedBase> {
  const model = reading.model;
  if (!model || 'reasons' in model) {
    throw new BaseError(`${fileName} cannot be edited: ${model && 'reasons' in model ? model.reasons.join('; ') : 'no image could be read'}.`);
  }
  const listings = new Map<number, LayerListing>();
  const report = await verifyImage(reading, {
    signal: opts.signal,
    onProgress: (done) => opts.onProgress(done),
    listing: { onListing: (layer, listing) => listings.set(layer.index, listing) },
  });
  const failed = [...report.blobs.values()].filter((b) => b.status !== 'verified').map((b) => `${b.role} ${b.digest}: ${b.message}`);
  failed.push(...report.layers.filter((l) => l.status !== 'verified').map((l) => `layer L${l.index + 1}: ${l.message}`));
  if (failed.length > 0) throw new BaseError(`${fileName} did not verify, so it is not used as a base: ${failed.join('; ')}.`);

  const image = model.image;
  const entries = reading.layers.map((layer, i) => {
    const listing = listings.get(layer.index);
    if (!listing?.complete) {
      throw new BaseError(`${fileName}: layer L${i + 1} could not be read to its end: ${listing?.problems.map((p) => p.message).join('; ') ?? 'not listed'}.`);
    }
    return listing.entries.map(({ entry }) => entry);
  });
  return { source: sourceOf(reading, image, fileName, size), layers: layerInfo(reading, image), image, entries };
}

function sourceOf(reading: InspectedImage, image: Image, fileName: string, size: number): BaseSource {
  const others = reading.manifests
    .filter((m) => !m.nestedIndex && !m.attestation && m.descriptor.sha256 !== reading.selected && m.platform)
    .map((m) => platformName(m.platform!));
  return {
    fileName,
    size,
    selected: reading.selected!,
    manifestDigest: image.manifest.descriptor.digest,
    platform: platformName(image.config.value),
    otherPlatforms: others,
    names: reading.names,
  };
}

function layerInfo(reading: InspectedImage, image: Image): BaseLayerInfo[] {
  return image.layers.map((layer, i) => {
    const history = reading.layers[i].history;
    return {
      descriptor: layer.descriptor,
      diffId: layer.diffId,
      ...(history?.createdBy !== undefined ? { createdBy: history.createdBy } : {}),
      ...(history?.created !== undefined ? { created: history.created } : {}),
      ...(history?.comment !== undefined ? { comment: history.comment } : {}),
    };
  });
}

export function platformName(p: Pick<Platform, 'os' | 'architecture' | 'variant'>): string {
  return [p.os, p.architecture, p.variant].filter(Boolean).join('/');
}

function sizeOf(input: ArchiveInput): number {
  return input instanceof Blob ? input.size : input.reduce((n, f) => n + f.file.size, 0);
}

/** A base file's bytes larger than this are not read into memory to be copied up. */
export const MAX_BASE_FILE_BYTES = 512 * 1024 * 1024;

/**
 * The bytes of `path` in a base layer, for changing a base file (its copy goes in an upper layer).
 * `occurrence` is how often the layer lists the path: the last copy is the one that counts.
 */
export async function readBaseFile(layer: Layer, path: string, occurrence = 1, signal?: AbortSignal): Promise<Blob> {
  const declared = layerCompressionOf(layer.descriptor.mediaType);
  const file = await readLayerFile(layer.blob, path, { declared, maxBytes: MAX_BASE_FILE_BYTES, occurrence, signal });
  if (!file) throw new BaseError(`/${path} is not in the base layer ${layer.descriptor.digest}`);
  if (!file.bytes) throw new BaseError(`/${path}: ${file.note ?? 'no content to read'}`);
  return new Blob([file.bytes as Uint8Array<ArrayBuffer>]);
}
