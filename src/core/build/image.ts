// Turns an ImageSpec into an image: builds (or copies) each layer, then writes the config,
// manifest and index.json as canonical JSON and names each by its SHA-256.

import type { ContainerConfig, Descriptor, HistoryEntry, ImageConfig, Index, Manifest } from '../oci/types.ts';
import { MediaType } from '../oci/media-types.ts';
import { CONFIG_SHAPE, INDEX_SHAPE, MANIFEST_SHAPE, canonicalJson, type Shape } from '../oci/json.ts';
import { parseImageReference } from '../oci/reference.ts';
import { sha256OfBytes } from '../hash/sha256.ts';
import type { BuiltDocument, BuiltImage, BuiltLayer } from './built.ts';
import { buildLayer, epochSecondsOf, type BuildLayerOptions, type BuildProgress } from './layer.ts';
import { EPOCH, type BlobLayer, type ImageSpec } from './spec.ts';

export const ANNOTATION_REF_NAME = 'org.opencontainers.image.ref.name';
export const ANNOTATION_CONTAINERD_NAME = 'io.containerd.image.name';

export interface BuildImageOptions extends Omit<BuildLayerOptions, 'created' | 'onProgress'> {
  /** Progress over all entries layers: `layer` is the index in spec.layers. */
  onProgress?: (p: BuildProgress & { layer: number }) => void;
}

export async function buildImage(spec: ImageSpec, opts: BuildImageOptions = {}): Promise<BuiltImage> {
  const created = spec.created ?? EPOCH;
  // Fail on a bad time or name before spending minutes on layers.
  epochSecondsOf(created);
  if (spec.name) parseImageReference(spec.name);
  const layers: BuiltLayer[] = [];
  for (const [index, layer] of spec.layers.entries()) {
    if (layer.kind === 'blob') {
      layers.push(copiedLayer(layer, index));
      continue;
    }
    const onProgress = opts.onProgress && ((p: BuildProgress) => opts.onProgress!({ ...p, layer: index }));
    layers.push(await buildLayer(layer, { ...opts, created, onProgress }));
  }
  return assembleImage(spec, layers);
}

/** Config, manifest and index for already-built layers (in spec.layers order). */
export async function assembleImage(spec: ImageSpec, layers: BuiltLayer[]): Promise<BuiltImage> {
  if (layers.length !== spec.layers.length) {
    throw new Error(`assembleImage: ${layers.length} built layers for ${spec.layers.length} layers in the spec`);
  }
  const created = spec.created ?? EPOCH;
  const reference = spec.name ? parseImageReference(spec.name) : undefined;

  const configDoc: ImageConfig = {
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
  const config = await document(configDoc, CONFIG_SHAPE, MediaType.ociConfig);

  const manifestDoc: Manifest = {
    schemaVersion: 2,
    mediaType: MediaType.ociManifest,
    config: config.descriptor,
    layers: layers.map((layer) => layer.descriptor),
    annotations: nonEmpty(spec.annotations),
  };
  const manifest = await document(manifestDoc, MANIFEST_SHAPE, MediaType.ociManifest);

  const nameAnnotations = reference && {
    [ANNOTATION_CONTAINERD_NAME]: reference.full,
    [ANNOTATION_REF_NAME]: reference.tag,
  };
  const indexDoc: Index = {
    schemaVersion: 2,
    mediaType: MediaType.ociIndex,
    manifests: [{ ...manifest.descriptor, annotations: nameAnnotations, platform: platformOf(configDoc) }],
  };
  const index = await document(indexDoc, INDEX_SHAPE, MediaType.ociIndex);

  return { layers, config, manifest, index, name: reference?.full };
}

function copiedLayer(layer: BlobLayer, index: number): BuiltLayer {
  if (layer.blob.size !== layer.descriptor.size) {
    throw new Error(
      `layer ${index} (${layer.descriptor.digest}): blob has ${layer.blob.size} bytes but its descriptor says ${layer.descriptor.size}`,
    );
  }
  return { descriptor: layer.descriptor, diffId: layer.diffId, tarSize: layer.tarSize, blob: layer.blob };
}

async function document<T>(doc: T, shape: Shape, mediaType: string): Promise<BuiltDocument<T>> {
  const bytes = canonicalJson(doc, shape);
  const descriptor: Descriptor = { mediaType, digest: await sha256OfBytes(bytes), size: bytes.byteLength };
  // The doc handed back is what the bytes say (undefined fields gone), so the UI shows the truth.
  return { doc: JSON.parse(new TextDecoder().decode(bytes)) as T, bytes, descriptor };
}

/** The runtime config with empty fields left out, as docker and buildkit write it. */
function containerConfig(config: ContainerConfig): ContainerConfig {
  return {
    User: nonEmpty(config.User),
    ExposedPorts: nonEmpty(config.ExposedPorts),
    Env: nonEmpty(config.Env),
    Entrypoint: nonEmpty(config.Entrypoint),
    Cmd: nonEmpty(config.Cmd),
    Volumes: nonEmpty(config.Volumes),
    WorkingDir: nonEmpty(config.WorkingDir),
    Labels: nonEmpty(config.Labels),
    StopSignal: nonEmpty(config.StopSignal),
    ArgsEscaped: config.ArgsEscaped || undefined,
  };
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

function nonEmpty<T>(value: T | undefined): T | undefined {
  if (value === undefined || value === null || value === '') return undefined;
  if (Array.isArray(value) && value.length === 0) return undefined;
  if (typeof value === 'object' && !Array.isArray(value) && Object.keys(value).length === 0) return undefined;
  return value;
}
