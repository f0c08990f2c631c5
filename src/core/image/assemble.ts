// Putting an image together from its config and layers: the config is serialised (its rootfs must
// list exactly the layers' diff_ids), then the manifest names it and every layer blob. Layerpad
// writes OCI documents only; Docker media types of copied layers become their OCI equivalents,
// which names the same bytes. An index then names the manifests with platform and reference.

import type { Digest } from '../digest.ts';
import { CONFIG_TYPES, MediaType, ociLayerMediaType } from '../oci/media-types.ts';
import { CONFIG_SHAPE, INDEX_SHAPE, MANIFEST_SHAPE } from '../oci/json.ts';
import { parseImageReference } from '../oci/reference.ts';
import type { Descriptor, ImageConfig, Index, Manifest } from '../oci/types.ts';
import { serialiseDocument } from './document.ts';
import type { Image, ImageIndex, Layer, RawDocument } from './model.ts';

export const ANNOTATION_REF_NAME = 'org.opencontainers.image.ref.name';
export const ANNOTATION_CONTAINERD_NAME = 'io.containerd.image.name';

export async function assembleImage(config: ImageConfig, layers: readonly Layer[], annotations?: Record<string, string>): Promise<Image> {
  checkDiffIds(config.rootfs.diff_ids, layers);
  const configDoc = await serialiseDocument(config, CONFIG_SHAPE, MediaType.ociConfig);
  return { config: configDoc, manifest: await manifestFor(configDoc.descriptor, layers, annotations), layers };
}

/** The OCI manifest naming a config and layers. */
export function manifestFor(config: Descriptor, layers: readonly Layer[], annotations?: Record<string, string>): Promise<RawDocument<Manifest>> {
  const manifest: Manifest = {
    schemaVersion: 2,
    mediaType: MediaType.ociManifest,
    config: { ...config, mediaType: CONFIG_TYPES.includes(config.mediaType) ? MediaType.ociConfig : config.mediaType },
    layers: layers.map((layer) => ({ ...layer.descriptor, mediaType: ociLayerMediaType(layer.descriptor.mediaType) })),
    annotations: annotations && Object.keys(annotations).length > 0 ? annotations : undefined,
  };
  return serialiseDocument(manifest, MANIFEST_SHAPE, MediaType.ociManifest);
}

/**
 * An OCI layout index for `images`, each with its config's platform, under `name` when given: one
 * image is listed by index.json itself; several go in an image index that index.json names.
 */
export async function indexImages(images: readonly Image[], name?: string): Promise<ImageIndex> {
  if (images.length === 0) throw new Error('indexImages: an index needs at least one image');
  const reference = name ? parseImageReference(name) : undefined;
  const annotations = reference && { [ANNOTATION_CONTAINERD_NAME]: reference.full, [ANNOTATION_REF_NAME]: reference.tag };
  const named = reference ? { name: reference.full } : {};
  const listing = (named: Record<string, string> | undefined) =>
    images.map((image) => ({ ...image.manifest.descriptor, annotations: named, platform: platformOf(image.config.value) }));
  if (images.length === 1) return { index: await indexDocument(listing(annotations)), images, ...named };
  const imageIndex = await indexDocument(listing(undefined));
  return { index: await indexDocument([{ ...imageIndex.descriptor, annotations }]), imageIndex, images, ...named };
}

function indexDocument(manifests: Descriptor[]): Promise<RawDocument<Index>> {
  return serialiseDocument<Index>({ schemaVersion: 2, mediaType: MediaType.ociIndex, manifests }, INDEX_SHAPE, MediaType.ociIndex);
}

function platformOf(config: ImageConfig): Descriptor['platform'] {
  return {
    architecture: config.architecture,
    os: config.os,
    'os.version': config['os.version'],
    'os.features': config['os.features'],
    variant: config.variant,
  };
}

function checkDiffIds(diffIds: readonly Digest[], layers: readonly Layer[]): void {
  const mismatch = diffIds.length !== layers.length || layers.some((layer, i) => layer.diffId !== diffIds[i]);
  if (mismatch) {
    throw new Error(`assembleImage: the config lists ${diffIds.length} diff_ids that do not match the ${layers.length} layers given`);
  }
}
