// Recompressing an image's layers: each layer whose blob is not already stored as asked is
// decompressed (under the same budget the inspector uses) and encoded again in one pass. The tar
// inside is the same, so every diff_id stays (and is checked as the tar streams through) while
// the digests change: the clearest lesson of "a digest is not a diff_id". The config is kept
// byte for byte; only the manifest is written again.

import { openLayerStream } from '../compress/layer-stream.ts';
import type { Image, Layer } from '../image/model.ts';
import { replaceLayers } from '../image/mutate.ts';
import { layerCompressionOf, type LayerCompression } from '../oci/media-types.ts';
import { encodeLayer, type EncodeLayerOptions } from './layer.ts';

export interface RecompressOptions extends Omit<EncodeLayerOptions, 'compression' | 'onProgress'> {
  /** Compressed bytes read so far, over all layers that are recompressed. */
  onProgress?: (p: { done: number; total: number }) => void;
  /** Answers for layers recompressed before (by digest and target), so an unchanged layer is done once. */
  cache?: Map<string, Layer>;
}

export async function recompressImage(image: Image, target: LayerCompression, opts: RecompressOptions = {}): Promise<Image> {
  const todo = image.layers.filter((layer) => currentCompression(layer) !== target && !opts.cache?.has(cacheKey(layer, target)));
  const total = todo.reduce((n, layer) => n + layer.descriptor.size, 0);
  let done = 0;
  const layers: Layer[] = [];
  for (const layer of image.layers) {
    if (currentCompression(layer) === target) {
      layers.push(layer);
      continue;
    }
    const key = cacheKey(layer, target);
    const known = opts.cache?.get(key);
    if (known) {
      layers.push(known);
      continue;
    }
    const made = await recompressLayer(layer, target, { ...opts, onRead: (n) => opts.onProgress?.({ done: (done += n), total }) });
    opts.cache?.set(key, made);
    layers.push(made);
  }
  return layers.every((layer, i) => layer === image.layers[i]) ? image : replaceLayers(image, layers);
}

async function recompressLayer(layer: Layer, target: LayerCompression, opts: RecompressOptions & { onRead: (n: number) => void }): Promise<Layer> {
  const { tar } = await openLayerStream(layer.blob, {
    declared: currentCompression(layer),
    signal: opts.signal,
    onCompressed: (chunk) => opts.onRead(chunk.byteLength),
  });
  const made = await encodeLayer(tar, layer.tarSize ?? 0, { ...opts, compression: target });
  if (made.diffId !== layer.diffId) {
    throw new Error(`layer ${layer.descriptor.digest}: its tar hashes to ${made.diffId}, not to its diff_id ${layer.diffId}; not recompressed`);
  }
  return made;
}

function currentCompression(layer: Layer): LayerCompression {
  const compression = layerCompressionOf(layer.descriptor.mediaType);
  if (compression === null) throw new Error(`layer ${layer.descriptor.digest}: media type ${layer.descriptor.mediaType} is not a layer; cannot recompress it`);
  return compression;
}

const cacheKey = (layer: Layer, target: LayerCompression) => `${layer.descriptor.digest}>${target}`;
