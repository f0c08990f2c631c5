// The selected image of a reading as the one image model, when it is sound enough to copy: its
// manifest and config are the exact bytes read (and their digests match what named them), every
// layer is a known layer type whose blob is in the archive at its declared size, and the config
// lists a diff_id for each. A legacy docker save has no manifest blob; the model gets the OCI
// manifest that names the same config and layer.tar blobs (derived, never stored in the archive).
// Anything less gives the reasons, in words a person can act on.

import type { Digest } from '../digest.ts';
import { serialiseDocument } from '../image/document.ts';
import type { Image, Layer, RawDocument } from '../image/model.ts';
import { MANIFEST_SHAPE } from '../oci/json.ts';
import { MediaType } from '../oci/media-types.ts';
import type { ParsedDescriptor } from '../oci/parse.ts';
import type { Descriptor, ImageConfig, Manifest } from '../oci/types.ts';
import type { InspectedDocument, InspectedImage, InspectedLayer } from './reading.ts';

export async function imageOfReading(reading: InspectedImage): Promise<{ image: Image } | { reasons: string[] }> {
  const reasons: string[] = [];
  const config = reading.config;
  if (!config) reasons.push('its config could not be read');
  const legacy = reading.format === 'docker-save-legacy';
  if (!legacy && !reading.manifest) reasons.push('its manifest could not be read');
  if (!legacy && reading.manifest && reading.manifest.digest !== reading.selected) {
    reasons.push(`its manifest hashes to ${reading.manifest.digest}, not ${reading.selected ?? 'the digest the index gives'}`);
  }
  if (config && config.descriptor?.sha256 && config.digest !== config.descriptor.sha256) {
    reasons.push(`its config hashes to ${config.digest}, not ${config.descriptor.sha256} as the manifest says`);
  }
  if (config && config.parsed.diffIds.length !== reading.layers.length) {
    reasons.push(`its config lists ${config.parsed.diffIds.length} diff_ids for ${reading.layers.length} layers`);
  }
  const layers = reading.layers.flatMap((layer) => {
    const made = layerOf(reading, layer);
    if (typeof made === 'string') reasons.push(made);
    return typeof made === 'string' ? [] : [made];
  });
  if (reasons.length > 0 || !config) return { reasons };

  const configDoc: RawDocument<ImageConfig> = { bytes: config.bytes, value: valueOf(config), descriptor: descriptorOf(config, MediaType.ociConfig) };
  const manifest = reading.manifest
    ? { bytes: reading.manifest.bytes, value: valueOf<Manifest>(reading.manifest), descriptor: descriptorOf(reading.manifest, MediaType.ociManifest) }
    : await derivedManifest(configDoc.descriptor, layers);
  return { image: { manifest, config: configDoc, layers } };
}

function layerOf(reading: InspectedImage, layer: InspectedLayer): Layer | string {
  const name = `layer L${layer.index + 1}`;
  const digest = layer.descriptor.sha256;
  if (!digest) return `${name} has no sha256 digest`;
  if (layer.declaredCompression === null) return `${name} has media type ${JSON.stringify(layer.descriptor.mediaType)}, which is not a layer`;
  if (!layer.diffId) return `the config gives no valid diff_id for ${name}`;
  const ref = reading.blobs.get(digest);
  const blob = ref?.blob;
  if (!blob) return ref?.fetch ? `${name} has not been pulled yet (verifying the image pulls and checks every blob)` : `${name} (${digest}) is not included in the archive`;
  if (blob.size !== layer.descriptor.size) return `${name} is ${blob.size} bytes but its descriptor says ${layer.descriptor.size}`;
  return {
    descriptor: plainDescriptor(layer.descriptor, digest),
    diffId: layer.diffId,
    ...(layer.declaredCompression === 'none' ? { tarSize: blob.size } : {}),
    blob,
  };
}

/** A docker save's config and layer.tar files named by an OCI manifest (what `docker push` would send, uncompressed). */
function derivedManifest(config: Descriptor, layers: readonly Layer[]): Promise<RawDocument<Manifest>> {
  const manifest: Manifest = {
    schemaVersion: 2,
    mediaType: MediaType.ociManifest,
    config: { ...config, mediaType: MediaType.ociConfig },
    layers: layers.map((layer) => layer.descriptor),
  };
  return serialiseDocument(manifest, MANIFEST_SHAPE, MediaType.ociManifest);
}

function valueOf<T>(doc: InspectedDocument<unknown>): T {
  return JSON.parse(doc.text) as T;
}

function descriptorOf(doc: InspectedDocument<unknown>, fallbackType: string): Descriptor {
  return { mediaType: doc.descriptor?.mediaType || fallbackType, digest: doc.digest, size: doc.bytes.byteLength };
}

function plainDescriptor(parsed: ParsedDescriptor, digest: Digest): Descriptor {
  return {
    mediaType: parsed.mediaType,
    digest,
    size: parsed.size,
    ...(parsed.annotations ? { annotations: parsed.annotations } : {}),
    ...(parsed.urls ? { urls: parsed.urls } : {}),
  };
}
