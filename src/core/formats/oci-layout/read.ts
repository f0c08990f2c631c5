// Reads an OCI image layout (oci-layout, index.json, blobs/sha256/) from any container into the
// InspectedImage model. Docker 25+ `docker save` is the same layout plus a `manifest.json`, read
// here too. Nested indexes are flattened (bounded), attestation manifests flagged, one image
// manifest is selected and its config and layers are located. Every failure is a problem; the
// rest is still read.

import type { Digest } from '../../digest.ts';
import { INDEX_TYPES, MANIFEST_TYPES } from '../../oci/media-types.ts';
import { parseIndex, parseManifest, type ParsedDescriptor, type ParsedIndex } from '../../oci/parse.ts';
import { openReported, type ArchiveFiles } from '../archive.ts';
import { blobReported, isPresent, type InspectedDocument, type InspectedImage, type ManifestChoice, type ReadingBlobs } from '../reading.ts';
import { loadConfig, loadJson, stripName } from '../load-json.ts';
import { pairLayers } from '../pair-layers.ts';
import { error, warning, type Problem } from '../../problem.ts';
import { LayoutBlobs } from './blobs.ts';
import { readDockerManifestFile } from '../docker-save/manifest-file.ts';
import { discoverManifests } from './discover.ts';

const MAX_INDEX_DEPTH = 4;
const MAX_MANIFEST_CHOICES = 10_000;

export interface ReadOptions {
  /** The manifest to select (one of `manifests`); default: the first runnable one present. */
  manifest?: Digest;
}

export async function readOciLayout(files: ArchiveFiles, opts: ReadOptions = {}): Promise<InspectedImage> {
  const problems: Problem[] = [...files.problems];
  const blobs = new LayoutBlobs(files, problems);
  const image: InspectedImage = { format: 'oci-layout', archiveKind: files.kind, manifests: [], layers: [], emptyHistory: [], blobs: blobs.refs, names: [], problems };

  const layout = await openReported(files, 'oci-layout', problems);
  if (!layout) warning(problems, 'oci-layout', 'is missing; read as an OCI layout anyway');
  else {
    const doc = await loadJson(layout.blob, 'oci-layout', 'layout', undefined, problems);
    const version = (doc?.value as { imageLayoutVersion?: unknown } | null)?.imageLayoutVersion;
    if (typeof version === 'string') image.layoutVersion = version;
    if (doc && version !== '1.0.0') warning(problems, 'oci-layout', `imageLayoutVersion is ${JSON.stringify(version) ?? 'missing'}, expected "1.0.0"`);
  }

  const docker = await readDockerManifestFile(files, problems);
  if (docker) {
    image.format = 'docker-save-oci';
    image.dockerManifest = docker;
    image.names.push(...docker.parsed.flatMap((e) => e.repoTags));
  }

  const indexFile = await openReported(files, 'index.json', problems);
  if (!indexFile) {
    if (!files.names().includes('index.json')) error(problems, 'index.json', 'is missing: the archive has no OCI index');
  } else {
    const index = await loadIndex(indexFile.blob, 'index.json', undefined, problems);
    if (index) {
      image.index = index;
      image.manifests = await flattenIndex(index.parsed, blobs, problems);
    }
  }
  if (!image.index) image.manifests = await discoverManifests(files, blobs, problems);
  for (const m of image.manifests) {
    const ref = m.descriptor.annotations?.['io.containerd.image.name'] ?? m.descriptor.annotations?.['org.opencontainers.image.ref.name'];
    if (ref && !image.names.includes(ref)) image.names.push(ref);
  }

  const chosen = chooseManifest(image.manifests, opts.manifest, blobs);
  if (!chosen) {
    if (image.manifests.length === 0) warning(problems, 'index.json', image.index ? 'lists no manifests' : 'no image manifest found');
    else error(problems, 'index.json', 'no image manifest listed in the index is included in the archive');
    return image;
  }
  image.selected = chosen.descriptor.sha256!;
  await readImage(image, chosen.descriptor, blobs);
  return image;
}

export async function loadIndex(blob: Blob, path: string, descriptor: ParsedDescriptor | undefined, problems: Problem[]): Promise<InspectedDocument<ParsedIndex> | null> {
  const doc = await loadJson(blob, path, 'index', descriptor, problems);
  if (!doc) return null;
  try {
    const parsed = parseIndex(doc.value, doc.name, problems, descriptor?.mediaType || undefined);
    return { path, text: doc.text, bytes: doc.bytes, digest: doc.digest, parsed, ...(descriptor ? { descriptor } : {}) };
  } catch (e) {
    error(problems, doc.name, stripName((e as Error).message, doc.name));
    return null;
  }
}

/** Every manifest reachable from the index, nested indexes read breadth-first with caps. */
export async function flattenIndex(top: ParsedIndex, blobs: ReadingBlobs, problems: Problem[]): Promise<ManifestChoice[]> {
  const choices: ManifestChoice[] = [];
  const queue: { manifests: ParsedDescriptor[]; indexPath: Digest[] }[] = [{ manifests: top.manifests, indexPath: [] }];
  const seen = new Set<Digest>();
  while (queue.length) {
    const { manifests, indexPath } = queue.shift()!;
    for (const descriptor of manifests) {
      if (choices.length >= MAX_MANIFEST_CHOICES) {
        error(problems, 'index.json', `more than ${MAX_MANIFEST_CHOICES} manifests; the rest are not listed`);
        return choices;
      }
      const nestedIndex = INDEX_TYPES.includes(descriptor.mediaType);
      const annotations = descriptor.annotations ?? {};
      const attestation = annotations['vnd.docker.reference.type'] === 'attestation-manifest' ||
        (descriptor.platform?.os === 'unknown' && descriptor.platform.architecture === 'unknown');
      choices.push({ descriptor, platform: descriptor.platform, indexPath, attestation, nestedIndex });
      const digest = descriptor.sha256;
      if (!digest) continue;
      if (!nestedIndex) {
        await blobs.get(digest, MANIFEST_TYPES.includes(descriptor.mediaType) ? 'manifest' : 'other');
        continue;
      }
      if (seen.has(digest) || indexPath.includes(digest)) {
        warning(problems, `index ${digest}`, 'is listed again (or contains itself); not read twice');
        continue;
      }
      seen.add(digest);
      if (indexPath.length + 1 > MAX_INDEX_DEPTH) {
        error(problems, `index ${digest}`, `indexes nested deeper than ${MAX_INDEX_DEPTH}; not read`);
        continue;
      }
      const ref = await blobs.get(digest, 'index');
      const blob = ref.fetch ? await blobReported(ref, descriptor.size, `index ${digest}`, problems) : ref.blob;
      if (!blob) continue;
      const nested = await loadIndex(blob, ref.path!, descriptor, problems);
      if (nested) queue.push({ manifests: nested.parsed.manifests, indexPath: [...indexPath, digest] });
    }
  }
  return choices;
}

export function chooseManifest(choices: ManifestChoice[], wanted: Digest | undefined, blobs: ReadingBlobs): ManifestChoice | undefined {
  const runnable = (c: ManifestChoice) => !c.nestedIndex && c.descriptor.sha256 !== null &&
    (c.descriptor.mediaType === '' || MANIFEST_TYPES.includes(c.descriptor.mediaType));
  if (wanted) {
    const exact = choices.find((c) => c.descriptor.sha256 === wanted && !c.nestedIndex);
    if (exact) return exact;
  }
  return choices.find((c) => runnable(c) && !c.attestation && isPresent(blobs.refs.get(c.descriptor.sha256!))) ??
    choices.find((c) => runnable(c) && !c.attestation) ??
    choices.find(runnable);
}

/** Reads the selected manifest, its config, and locates its layers (never reading them). */
export async function readImage(image: InspectedImage, descriptor: ParsedDescriptor, blobs: ReadingBlobs): Promise<void> {
  const problems = image.problems;
  const ref = await blobs.get(descriptor.sha256!, 'manifest');
  const blob = await blobReported(ref, descriptor.size, `manifest ${descriptor.digest}`, problems);
  if (!blob) return;
  const doc = await loadJson(blob, ref.path!, 'manifest', descriptor, problems);
  if (!doc) return;
  let manifest;
  try {
    manifest = parseManifest(doc.value, doc.name, problems, descriptor.mediaType || undefined);
  } catch (e) {
    error(problems, doc.name, stripName((e as Error).message, doc.name));
    return;
  }
  image.manifest = { path: doc.path, descriptor, text: doc.text, bytes: doc.bytes, digest: doc.digest, parsed: manifest };

  let config;
  const configDescriptor = manifest.config;
  if (configDescriptor?.sha256) {
    const configRef = await blobs.get(configDescriptor.sha256, 'config');
    const configBlob = await blobReported(configRef, configDescriptor.size, `config ${configDescriptor.digest}`, problems);
    if (configBlob) config = await loadConfig(image, configBlob, configRef.path!, configDescriptor);
  }

  Object.assign(image, pairLayers(manifest.layers, config, doc.name, problems));
  for (const layer of image.layers) {
    const digest = layer.descriptor.sha256;
    if (!digest) continue;
    const layerRef = await blobs.get(digest, 'layer');
    if (!layerRef.blob && !layerRef.path) error(problems, `layer ${layer.index} ${digest}`, 'is not included in the archive');
  }
}
