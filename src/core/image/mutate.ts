// Mutations of an image, each returning a new Image and leaving the one given untouched: the
// layers it keeps are the same Layer objects (the same blobs, never copied or re-read), and only
// the config and manifest are written again. The manifest's own annotations are carried over.

import type { HistoryEntry, ImageConfig } from '../oci/types.ts';
import { assembleImage, manifestFor } from './assemble.ts';
import type { Image, Layer } from './model.ts';

export interface LayerAddition {
  layer: Layer;
  /** The history entry that says how the layer was made (`created_by`, `created`, `comment`). */
  history: Omit<HistoryEntry, 'empty_layer'>;
}

/** The image with `additions` on top: their diff_ids appended to rootfs, one history entry each. */
export function appendLayers(image: Image, additions: readonly LayerAddition[]): Promise<Image> {
  const config = image.config.value;
  const history = historyCoveringLayers(config.history ?? [], image.layers.length);
  const next: ImageConfig = {
    ...config,
    rootfs: { type: 'layers', diff_ids: [...config.rootfs.diff_ids, ...additions.map((a) => a.layer.diffId)] },
    history: [...history, ...additions.map((a) => a.history)],
  };
  return assembleImage(next, [...image.layers, ...additions.map((a) => a.layer)], image.manifest.value.annotations);
}

/** The image with its config replaced by `edit(config)`; the layers must stay as they are. */
export function withConfig(image: Image, edit: (config: ImageConfig) => ImageConfig): Promise<Image> {
  return assembleImage(edit(image.config.value), image.layers, image.manifest.value.annotations);
}

/**
 * History entries that create layers pair with the layers in order. An image whose history names
 * fewer layers than it has (some tools write none) gets empty entries for the rest first, so an
 * appended entry pairs with its own layer and not with a base layer.
 */
function historyCoveringLayers(history: readonly HistoryEntry[], layerCount: number): HistoryEntry[] {
  const creating = history.filter((h) => !h.empty_layer).length;
  return [...history, ...Array.from({ length: Math.max(0, layerCount - creating) }, () => ({}))];
}

/** The image with its manifest annotations replaced (none when `annotations` is empty). */
export function withAnnotations(image: Image, annotations: Record<string, string> | undefined): Promise<Image> {
  return assembleImage(image.config.value, image.layers, annotations);
}

/**
 * The image with each layer replaced by one holding the same tar (recompressed): the config,
 * which names layers only by diff_id, stays byte for byte; only the manifest is written again.
 */
export async function replaceLayers(image: Image, layers: readonly Layer[]): Promise<Image> {
  const changed = layers.findIndex((layer, i) => layer.diffId !== image.layers[i]?.diffId);
  if (layers.length !== image.layers.length || changed >= 0) {
    throw new Error(`replaceLayers: layer ${changed + 1} holds another tar (diff_id ${layers[changed]?.diffId ?? 'missing'}, expected ${image.layers[changed]?.diffId ?? 'none'})`);
  }
  return { config: image.config, manifest: await manifestFor(image.config.descriptor, layers, image.manifest.value.annotations), layers };
}
