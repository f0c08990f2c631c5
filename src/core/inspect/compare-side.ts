// One side of a comparison: an image's layers (digest, diff_id, blob), its config as parsed, and
// each layer's listing, whatever the image came from: the archive open in the inspector, another
// archive, another platform of the same index, or the composer's build. Also reads the bytes of
// chosen files, one pass per layer, to hash them when sizes alone cannot tell two files apart.

import type { Digest } from '../digest.ts';
import type { Compression } from '../compress/detect.ts';
import { openLayerStream } from '../compress/layer-stream.ts';
import type { Image } from '../image/model.ts';
import { sha256OfBytes } from '../hash/sha256.ts';
import { layerCompressionOf } from '../oci/media-types.ts';
import { readTar } from '../tar/read.ts';
import type { InspectedImage } from '../formats/reading.ts';
import { layerWhere, listLayer, type LayerListing } from './layer-entries.ts';

export interface SideLayer {
  index: number;
  digest: string;
  diffId?: Digest;
  size: number;
  mediaType: string;
  createdBy?: string;
  /** The layer blob, when it is at hand. */
  blob?: Blob;
  declared: Compression | null;
}

export interface CompareSide {
  label: string;
  layers: SideLayer[];
  /** The config as parsed from its exact text. */
  config: unknown;
  /** Each layer's listing; undefined for a layer that could not be read. */
  listings: (LayerListing | undefined)[];
}

/** Files over this size are not read for hashing; equal sizes then leave their content unknown. */
export const MAX_HASHED_FILE = 64 * 1024 * 1024;

export function sideLayersOfReading(reading: InspectedImage): SideLayer[] {
  return reading.layers.map((layer) => ({
    index: layer.index,
    digest: layer.descriptor.digest,
    ...(layer.diffId ? { diffId: layer.diffId } : {}),
    size: layer.descriptor.size,
    mediaType: layer.descriptor.mediaType,
    ...(layer.history?.createdBy ? { createdBy: layer.history.createdBy } : {}),
    ...(layer.descriptor.sha256 && reading.blobs.get(layer.descriptor.sha256)?.blob ? { blob: reading.blobs.get(layer.descriptor.sha256)!.blob } : {}),
    declared: layer.declaredCompression,
  }));
}

export function configOfReading(reading: InspectedImage): unknown {
  try {
    return reading.config ? JSON.parse(reading.config.text) : undefined;
  } catch {
    return undefined;
  }
}

export function sideLayersOfImage(image: Image): SideLayer[] {
  const history = (image.config.value.history ?? []).filter((h) => !h.empty_layer);
  return image.layers.map((layer, i) => ({
    index: i,
    digest: layer.descriptor.digest,
    diffId: layer.diffId,
    size: layer.descriptor.size,
    mediaType: layer.descriptor.mediaType,
    ...(history[i]?.created_by ? { createdBy: history[i].created_by } : {}),
    blob: layer.blob,
    declared: layerCompressionOf(layer.descriptor.mediaType),
  }));
}

export interface ListSideOptions {
  signal?: AbortSignal;
  onProgress?: (done: number, total: number) => void;
  /** Listings already read, by diff_id: a layer with the same tar is not read again. */
  known?: Map<string, LayerListing>;
}

/** Lists every layer of a side; progress counts compressed bytes read of the layers read. */
export async function listSide(label: string, layers: SideLayer[], config: unknown, opts: ListSideOptions = {}): Promise<CompareSide> {
  const reused = (l: SideLayer) => (l.diffId ? opts.known?.get(l.diffId) : undefined);
  const total = layers.reduce((n, l) => n + (reused(l) ? 0 : l.blob?.size ?? 0), 0);
  let before = 0;
  const listings: (LayerListing | undefined)[] = [];
  for (const layer of layers) {
    const known = reused(layer);
    if (known || !layer.blob || layer.declared === null) {
      listings.push(known);
      continue;
    }
    listings.push(await listLayer(layer.blob, {
      declared: layer.declared,
      where: `${label} ${layerWhere({ index: layer.index, descriptor: { digest: layer.digest } })}`,
      signal: opts.signal,
      onProgress: (done) => opts.onProgress?.(before + done, total),
    }));
    before += layer.blob.size;
  }
  return { label, layers, config, listings };
}

/**
 * SHA-256 of the files `paths` of layer `layer` (each the last copy the layer lists, the one a
 * container sees), in one pass; a file over MAX_HASHED_FILE gets no hash.
 */
export async function hashLayerFiles(side: CompareSide, layer: number, paths: Set<string>, signal?: AbortSignal): Promise<Map<string, Digest>> {
  const hashes = new Map<string, Digest>();
  const info = side.layers[layer];
  const entries = side.listings[layer]?.entries;
  if (!info?.blob || !entries) return hashes;
  const lastIndex = new Map<string, number>();
  entries.forEach(({ entry }, i) => paths.has(entry.path) && lastIndex.set(entry.path, i));
  const wanted = new Set(lastIndex.values());
  let lastWanted = -1;
  for (const i of wanted) lastWanted = Math.max(lastWanted, i);
  if (lastWanted < 0) return hashes;
  const stream = await openLayerStream(info.blob, { declared: info.declared, signal });
  let index = 0;
  for await (const record of readTar(stream.tar, { wantBody: () => wanted.has(index), maxBody: MAX_HASHED_FILE, sliceContent: false })) {
    if (record.body && wanted.has(index)) hashes.set(record.entry.path, await sha256OfBytes(record.body));
    if (++index > lastWanted) break;
  }
  return hashes;
}
