// Reads a legacy `docker save` archive (manifest.json listing `<id>/layer.tar` paths and a
// `<hex>.json` config; skopeo's docker-archive is the same shape) into the InspectedImage model.
// Layers are uncompressed tars named by path, so a layer's blob is keyed by its diff_id; layers
// stored as links to another image's layer.tar are followed inside the archive.

import { isSha256Digest, type Digest } from '../../digest.ts';
import { MediaType } from '../../oci/media-types.ts';
import type { ParsedDescriptor } from '../../oci/parse.ts';
import type { ParsedConfig } from '../../oci/parse-config.ts';
import { parseRepositories } from '../../oci/parse-docker.ts';
import { openReported, type ArchiveFiles } from '../archive.ts';
import type { InspectedImage, ManifestChoice } from '../reading.ts';
import { loadConfig, loadJson } from '../load-json.ts';
import { pairLayers } from '../pair-layers.ts';
import { error, type Problem } from '../../problem.ts';
import { readDockerManifestFile } from './manifest-file.ts';
import type { ReadOptions } from '../oci-layout/read.ts';

export async function readDockerSave(files: ArchiveFiles, opts: ReadOptions = {}): Promise<InspectedImage> {
  const problems: Problem[] = [...files.problems];
  const image: InspectedImage = { format: 'docker-save-legacy', archiveKind: files.kind, manifests: [], layers: [], emptyHistory: [], blobs: new Map(), names: [], problems };
  const docker = await readDockerManifestFile(files, problems);
  if (!docker) return image;
  image.dockerManifest = docker;
  image.names.push(...docker.parsed.flatMap((e) => e.repoTags));
  const repositories = await openReported(files, 'repositories', problems);
  if (repositories) {
    const doc = await loadJson(repositories.blob, 'repositories', 'repositories', undefined, problems);
    if (doc) for (const n of parseRepositories(doc.value, doc.name, problems)) if (!image.names.includes(n)) image.names.push(n);
  }

  // Each manifest.json entry is one image, named by its config's digest (taken from the file name).
  image.manifests = docker.parsed.map((entry): ManifestChoice => {
    const hex = /(?:^|\/)([0-9a-f]{64})(?:\.json)?$/.exec(entry.config)?.[1];
    const digest = hex ? `sha256:${hex}` : '';
    const descriptor: ParsedDescriptor = { mediaType: MediaType.dockerConfig, digest, sha256: isSha256Digest(digest) ? digest : null, size: -1 };
    return { descriptor, indexPath: [], attestation: false, nestedIndex: false };
  });
  const chosen = docker.parsed.findIndex((_, i) => opts.manifest === undefined || image.manifests[i].descriptor.sha256 === opts.manifest);
  if (chosen < 0) return image;
  const entry = docker.parsed[chosen];
  const where = `manifest.json [${chosen}]`;
  const configDescriptor = image.manifests[chosen].descriptor;
  if (configDescriptor.sha256) image.selected = configDescriptor.sha256;

  let config: ParsedConfig | undefined;
  const configFile = await openReported(files, entry.config, problems);
  if (!configFile) error(problems, `${where} Config`, `${entry.config} is not in the archive`);
  else {
    configDescriptor.size = configFile.blob.size;
    if (configDescriptor.sha256) image.blobs.set(configDescriptor.sha256, { digest: configDescriptor.sha256, role: 'config', path: entry.config, blob: configFile.blob });
    config = await loadConfig(image, configFile.blob, entry.config, configDescriptor);
  }

  const opened = await Promise.all(entry.layers.map((path) => openReported(files, path, problems)));
  const descriptors = entry.layers.map((_, i): ParsedDescriptor => {
    const diffId: Digest | null = config?.diffIds[i] ?? null;
    return { mediaType: MediaType.ociLayer, digest: diffId ?? '', sha256: diffId, size: opened[i]?.blob.size ?? -1 };
  });
  Object.assign(image, pairLayers(descriptors, config, where, problems));
  image.layers.forEach((layer, i) => {
    layer.archivePath = entry.layers[i];
    const file = opened[i];
    if (!file) error(problems, `${where} Layers[${i}]`, `${entry.layers[i]} is not in the archive`);
    const digest = layer.descriptor.sha256;
    if (digest && !image.blobs.has(digest)) {
      image.blobs.set(digest, { digest, role: 'layer', ...(file ? { path: file.path, blob: file.blob, viaLinks: file.viaLinks } : {}) });
    }
  });
  return image;
}
