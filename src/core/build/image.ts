// Turns an ImageSpec into an image: builds (or copies) each layer, then writes the config,
// manifest and index.json as canonical JSON, each named by its SHA-256. A spec with a base image
// (editing) keeps the base's layers and config and puts the new layers on top (see edit.ts).

import type { HistoryEntry, ImageConfig } from '../oci/types.ts';
import { parseImageReference } from '../oci/reference.ts';
import { assembleImage, indexImages } from '../image/assemble.ts';
import type { ImageIndex, Layer } from '../image/model.ts';
import { editedImage } from './edit.ts';
import { buildLayer, epochSecondsOf, type BuildLayerOptions, type BuildProgress } from './layer.ts';
import { EPOCH, type BlobLayer, type ImageSpec } from './spec.ts';
import { containerConfig, nonEmpty } from './runtime-config.ts';

export interface BuildImageOptions extends Omit<BuildLayerOptions, 'created' | 'onProgress'> {
  /** Progress over all entries layers: `layer` is the index in spec.layers. */
  onProgress?: (p: BuildProgress & { layer: number }) => void;
}

export async function buildImage(spec: ImageSpec, opts: BuildImageOptions = {}): Promise<ImageIndex> {
  const created = spec.created ?? EPOCH;
  // Fail on a bad time or name before spending minutes on layers.
  epochSecondsOf(created);
  if (spec.name) parseImageReference(spec.name);
  const layers: Layer[] = [];
  for (const [index, layer] of spec.layers.entries()) {
    if (layer.kind === 'blob') {
      layers.push(copiedLayer(layer, index));
      continue;
    }
    const onProgress = opts.onProgress && ((p: BuildProgress) => opts.onProgress!({ ...p, layer: index }));
    layers.push(await buildLayer(layer, { ...opts, created, onProgress }));
  }
  return assembleFromSpec(spec, layers);
}

/** Config, manifest and index for already-built layers (in spec.layers order). */
export async function assembleFromSpec(spec: ImageSpec, layers: Layer[]): Promise<ImageIndex> {
  if (layers.length !== spec.layers.length) {
    throw new Error(`assembleImage: ${layers.length} built layers for ${spec.layers.length} layers in the spec`);
  }
  const name = spec.name ? parseImageReference(spec.name).full : undefined;
  if (spec.base) return indexImages([await editedImage(spec, layers)], name);
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
  return indexImages([await assembleImage(config, layers, nonEmpty(spec.annotations))], name);
}

function copiedLayer(layer: BlobLayer, index: number): Layer {
  if (layer.blob.size !== layer.descriptor.size) {
    throw new Error(
      `layer ${index} (${layer.descriptor.digest}): blob has ${layer.blob.size} bytes but its descriptor says ${layer.descriptor.size}`,
    );
  }
  return { descriptor: layer.descriptor, diffId: layer.diffId, tarSize: layer.tarSize, blob: layer.blob };
}
