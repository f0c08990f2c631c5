// The image tar that loads everywhere (docker load with either image store, podman load, skopeo
// `oci-archive:` and `docker-archive:`, containerd import): an OCI image layout plus Docker's
// `manifest.json` and `repositories`, the same shape Docker 25+ `docker save` writes (one image of a
// multi-platform layout in manifest.json: see dockerLoadImage). Deterministic:
// tarBlob sorts entries and stamps the image's created time.

import type { Image, ImageIndex } from '../../image/model.ts';
import { blobPath, bytesBlob, ociLayoutFiles } from '../oci-layout/layout-files.ts';
import { epochSecondsOf } from '../../build/layer.ts';
import type { FsEntry } from '../../fs/entry.ts';
import { hexOf } from '../../digest.ts';
import { DOCKER_MANIFEST_SHAPE, canonicalJson } from '../../oci/json.ts';
import { parseImageReference } from '../../oci/reference.ts';
import { tarBlob } from '../../tar/write.ts';

export async function writeImageTar(layout: ImageIndex): Promise<Blob> {
  const files = [...ociLayoutFiles(layout), ...dockerFiles(layout)];
  const entries = files.map(({ path, blob }): FsEntry => ({
    path,
    type: 'file',
    mode: 0o644,
    uid: 0,
    gid: 0,
    size: blob.size,
    content: blob,
  }));
  return tarBlob(entries, { mtime: archiveMtime(layout) });
}

/**
 * The image Docker's `manifest.json` names: docker load takes every image listed, whatever its
 * platform, so a multi-platform layout names one: linux/amd64 when it has it, else the first.
 */
export function dockerLoadImage(layout: ImageIndex): Image {
  return layout.images.find((image) => image.config.value.os === 'linux' && image.config.value.architecture === 'amd64') ?? layout.images[0];
}

/** `manifest.json` (read by docker load and skopeo docker-archive:) and `repositories`. */
function dockerFiles(layout: ImageIndex): Array<{ path: string; blob: Blob }> {
  const reference = layout.name ? parseImageReference(layout.name) : undefined;
  const image = dockerLoadImage(layout);
  const manifest = [{
    Config: blobPath(image.config.descriptor.digest),
    RepoTags: reference ? [reference.familiar] : [],
    Layers: image.layers.map((layer) => blobPath(layer.descriptor.digest)),
  }];
  const files = [{ path: 'manifest.json', blob: bytesBlob(canonicalJson(manifest, DOCKER_MANIFEST_SHAPE)) }];
  const top = image.layers.at(-1);
  if (reference && top) {
    const repository = reference.familiar.slice(0, -(reference.tag.length + 1));
    const repositories = { [repository]: { [reference.tag]: hexOf(top.descriptor.digest) } };
    files.push({ path: 'repositories', blob: bytesBlob(canonicalJson(repositories)) });
  }
  return files;
}

/** The first image's created time; a base image's unparsable one falls back to the epoch. */
function archiveMtime(layout: ImageIndex): number {
  try {
    return epochSecondsOf(layout.images[0]?.config.value.created);
  } catch {
    return 0;
  }
}
