// Pushing an image (or an index of images) to `repository:tag`: every blob once (HEAD-skipped,
// mounted or uploaded, a few at a time), then each manifest with its own media type as
// Content-Type and its exact bytes, so the digest the registry stores is the one the model names.
// One image is pushed as its manifest under the tag (what `docker push` does); several are pushed
// by digest and the index goes under the tag. All requests ask for the same scopes (push on the
// target, pull on every mount source), so one token serves the whole push.

import type { Digest } from '../digest.ts';
import type { Image, ImageIndex, RawDocument } from '../image/model.ts';
import { mergeScopes, pullScope, pushScope, type RegistryClient } from './client.ts';
import { errorFromResponse, RegistryError } from './errors.ts';
import { isRepositoryName } from './reference.ts';
import { pushBlob, type BlobPushProgress, type BlobPushState, type PushBlobOptions } from './upload.ts';

const PARALLEL_UPLOADS = 3;

export interface PushOptions extends Pick<PushBlobOptions, 'chunkBytes' | 'signal' | 'onProgress' | 'backoff'> {
  /** Repositories on the same registry known to hold a blob (where it was pulled from or pushed to). */
  mountFrom?: (digest: Digest) => readonly string[];
}

export interface PushResult {
  /** The digest the tag now names: the image's manifest, or the index for several images. */
  digest: Digest;
  mediaType: string;
  size: number;
  /** What happened to each blob. */
  blobs: { digest: Digest; outcome: BlobPushState }[];
}

export async function pushImageIndex(client: RegistryClient, target: { repository: string; tag: string }, layout: ImageIndex, opts: PushOptions = {}): Promise<PushResult> {
  const { repository, tag } = target;
  if (layout.images.length === 0) throw new RegistryError('protocol', 'There is no image to push: the index names none.');
  const blobs = uniqueBlobs(layout.images);
  const sources = (digest: Digest) => (opts.mountFrom?.(digest) ?? []).filter((from) => from !== repository && isRepositoryName(from));
  const scopes = mergeScopes([pushScope(repository)], [...new Set(blobs.flatMap((b) => sources(b.digest)))].map(pullScope));
  const outcomes = new Map<Digest, BlobPushState>();
  const queue = [...blobs];
  const worker = async () => {
    for (let next = queue.shift(); next; next = queue.shift()) {
      const { digest, blob } = next;
      outcomes.set(digest, await pushBlob(client, repository, blob, digest, { ...opts, scopes, mountFrom: sources(digest) }));
    }
  };
  await Promise.all(Array.from({ length: Math.min(PARALLEL_UPLOADS, blobs.length) }, worker));

  let top: RawDocument<unknown>;
  if (layout.images.length === 1) {
    top = layout.images[0].manifest;
    await putManifest(client, repository, tag, top, scopes, opts.signal);
  } else {
    for (const image of layout.images) await putManifest(client, repository, image.manifest.descriptor.digest, image.manifest, scopes, opts.signal);
    // index.json wraps the image index for the layout; the registry gets the image index itself.
    if (!layout.imageIndex) throw new RegistryError('protocol', `There is no image index to push for these ${layout.images.length} images.`);
    top = layout.imageIndex;
    await putManifest(client, repository, tag, top, scopes, opts.signal);
  }
  return {
    digest: top.descriptor.digest,
    mediaType: top.descriptor.mediaType,
    size: top.descriptor.size,
    blobs: blobs.map(({ digest }) => ({ digest, outcome: outcomes.get(digest)! })),
  };
}

/** PUT a manifest or index under `reference`, checking the digest the registry stored it as. */
export async function putManifest(client: RegistryClient, repository: string, reference: string, doc: RawDocument<unknown>, scopes: readonly string[], signal?: AbortSignal): Promise<void> {
  const what = `Pushing the manifest ${doc.descriptor.digest} to ${repository}:${reference.startsWith('sha256:') ? '' : reference} on ${client.ref.registry}`;
  const response = await client.send({
    method: 'PUT',
    url: `/v2/${repository}/manifests/${reference}`,
    scopes,
    headers: { 'Content-Type': doc.descriptor.mediaType },
    body: new Blob([doc.bytes as Uint8Array<ArrayBuffer>]),
    signal,
    what,
  });
  if (response.status !== 201) throw await errorFromResponse(response, what);
  await response.body?.cancel().catch(() => {});
  const stored = response.headers.get('docker-content-digest');
  if (stored !== null && stored !== doc.descriptor.digest) {
    throw new RegistryError('protocol', `${what}: the registry stored it as ${stored.slice(0, 100)}, so it changed the bytes; the tag does not name the image Layerpad built`);
  }
}

/** Config and layer blobs of every image, each digest once, configs first (they are small). */
function uniqueBlobs(images: readonly Image[]): { digest: Digest; blob: Blob }[] {
  const seen = new Map<Digest, Blob>();
  for (const image of images) {
    const config = image.config;
    if (!seen.has(config.descriptor.digest)) seen.set(config.descriptor.digest, new Blob([config.bytes as Uint8Array<ArrayBuffer>]));
  }
  for (const image of images) for (const layer of image.layers) if (!seen.has(layer.descriptor.digest)) seen.set(layer.descriptor.digest, layer.blob);
  return [...seen].map(([digest, blob]) => ({ digest, blob }));
}

export type { BlobPushProgress };
