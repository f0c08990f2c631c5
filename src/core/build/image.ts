// Turns ImageSpecs into an image index: builds (or copies) each layer once, then writes each
// config and manifest and the index as canonical JSON, each named by its SHA-256. One spec per
// platform makes a multi-platform index. A spec with a base image
// (editing) keeps the base's layers and config and puts the new layers on top (see edit.ts).

import type { HistoryEntry, ImageConfig } from '../oci/types.ts';
import { parseImageReference } from '../oci/reference.ts';
import { assembleImage, indexImages } from '../image/assemble.ts';
import type { Image, ImageIndex, Layer } from '../image/model.ts';
import { editedImage } from './edit.ts';
import { buildLayer, epochSecondsOf, type BuildLayerOptions, type BuildProgress } from './layer.ts';
import { EPOCH, type BlobLayer, type ImageSpec, type LayerSpec } from './spec.ts';
import { containerConfig, nonEmpty } from './runtime-config.ts';

export interface BuildImageOptions extends Omit<BuildLayerOptions, 'created' | 'onProgress'> {
  /** Progress over all entries layers: `layer` is the index in spec.layers. */
  onProgress?: (p: BuildProgress & { layer: number }) => void;
}

export function buildImage(spec: ImageSpec, opts: BuildImageOptions = {}): Promise<ImageIndex> {
  return buildIndex([spec], opts);
}

/**
 * One image per spec (one per platform), under one index named by the first spec's name. A layer
 * spec shared by several specs (the same object) is built once and its blob stored once.
 */
export async function buildIndex(specs: readonly ImageSpec[], opts: BuildImageOptions = {}): Promise<ImageIndex> {
  for (const spec of specs) {
    // Fail on a bad time or name before spending minutes on layers.
    epochSecondsOf(spec.created ?? EPOCH);
    if (spec.name) parseImageReference(spec.name);
  }
  const built = new Map<LayerSpec, Layer>();
  const layerSets: Layer[][] = [];
  for (const spec of specs) {
    const created = spec.created ?? EPOCH;
    const layers: Layer[] = [];
    for (const [index, layer] of spec.layers.entries()) {
      let made = built.get(layer);
      if (!made) {
        const onProgress = opts.onProgress && ((p: BuildProgress) => opts.onProgress!({ ...p, layer: index }));
        made = layer.kind === 'blob' ? copiedLayer(layer, index) : await buildLayer(layer, { ...opts, created, onProgress });
        built.set(layer, made);
      }
      layers.push(made);
    }
    layerSets.push(layers);
  }
  return assembleIndex(specs, layerSets);
}

/** The index of one image per spec, `layers[i]` being spec i's built layers. */
export async function assembleIndex(specs: readonly ImageSpec[], layers: readonly Layer[][]): Promise<ImageIndex> {
  const images = await Promise.all(specs.map((spec, i) => imageFromSpec(spec, layers[i])));
  return indexImages(images, specs[0]?.name ? parseImageReference(specs[0].name).full : undefined);
}

async function imageFromSpec(spec: ImageSpec, layers: readonly Layer[]): Promise<Image> {
  if (layers.length !== spec.layers.length) {
    throw new Error(`assembleImage: ${layers.length} built layers for ${spec.layers.length} layers in the spec`);
  }
  if (spec.base) return editedImage(spec, layers);
  const created = spec.created ?? EPOCH;
  const config: ImageConfig = {
    created,
    author: nonEmpty(spec.author),
    architecture: spec.platform.architecture,
    os: spec.platform.os,
    'os.version': nonEmpty(spec.platform['os.version']),
    'os.features': nonEmpty(spec.platform['os.features']),
    variant: nonEmpty(spec.platform.variant),
    config: containerConfig(spec.config),
    rootfs: { type: 'layers', diff_ids: layers.map((layer) => layer.diffId) },
    history: spec.layers.map(
      (layer): HistoryEntry => ({ created, created_by: nonEmpty(layer.createdBy), comment: nonEmpty(layer.comment) }),
    ),
  };
  return assembleImage(config, layers, nonEmpty(spec.annotations));
}

function copiedLayer(layer: BlobLayer, index: number): Layer {
  if (layer.blob.size !== layer.descriptor.size) {
    throw new Error(
      `layer ${index} (${layer.descriptor.digest}): blob has ${layer.blob.size} bytes but its descriptor says ${layer.descriptor.size}`,
    );
  }
  return { descriptor: layer.descriptor, diffId: layer.diffId, tarSize: layer.tarSize, blob: layer.blob };
}
