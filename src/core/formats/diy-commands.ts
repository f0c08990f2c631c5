// "Do it yourself": the shell commands that check an image with standard tools, for a person to
// copy and run next to the downloaded archive: unpack it, hash every document and blob with
// sha256sum, decompress each layer into sha256sum for its diff_id, list it with tar, read the
// config with jq, and hand the archive to skopeo, umoci and docker. A pulled image is first copied
// out of its registry with skopeo's dir: transport, which keeps every blob's bytes under its hex.
// Each hashing command says exactly what it prints, so the page's digests can be checked line by line.

import { hexOf, type Digest } from '../digest.ts';
import type { ImageIndex } from '../image/model.ts';
import { layerCompressionOf } from '../oci/media-types.ts';
import { parseImageReference } from '../oci/reference.ts';
import { blobPath } from './oci-layout/layout-files.ts';
import { dockerLoadImage } from './image-tar/write.ts';

export interface DiyBlob {
  /** Where the blob is inside the unpacked archive, e.g. `blobs/sha256/ab12…` (or the copied folder). */
  path: string;
  digest: Digest;
}

export interface DiyLayer extends DiyBlob {
  diffId?: Digest;
  compression: 'gzip' | 'zstd' | 'none' | null;
}

export interface DiyImage {
  /** The downloaded file (or the folder, for `kind: 'folder'`; the one copied into, for `'registry'`). */
  archiveName: string;
  kind: 'tar' | 'zip' | 'folder' | 'registry';
  /** For `kind: 'registry'`: the reference pinned to the selected manifest, the one typed when it named an index, and whether the registry is plain http. */
  registry?: { manifestRef: string; indexRef?: string; insecure: boolean };
  /** index.json's own digest, when the layout has one (it is not a blob, so nothing names it). */
  indexJson?: Digest;
  imageIndex?: DiyBlob;
  manifest?: DiyBlob;
  config?: DiyBlob;
  layers: DiyLayer[];
  /** The tag index.json gives the image (org.opencontainers.image.ref.name), for umoci. */
  refTag?: string;
  /** The name docker load gives it (manifest.json's RepoTags), for docker run. */
  dockerName?: string;
  /** False for a legacy docker save, which is no OCI layout (skopeo reads it as docker-archive:), and for a registry's copy. */
  ociLayout: boolean;
}

export interface DiyCommand {
  /** What the command shows, for people. */
  title: string;
  command: string;
  /** The exact line it prints, when there is one to compare. */
  prints?: string;
  /** Commands that only compute (hashes, listings) and those that need skopeo, umoci or docker. */
  group: 'compute' | 'tools';
}

/** Single-quotes `text` for a POSIX shell when it holds anything but safe characters. */
export function shellQuote(text: string): string {
  return /^[A-Za-z0-9._\/:@%+=-]+$/.test(text) ? text : `'${text.replace(/'/g, `'\\''`)}'`;
}

const DECOMPRESS: Record<'gzip' | 'zstd', string> = { gzip: 'gzip -dc', zstd: 'zstd -dc' };

/** The folder the archive is unpacked into, next to it. */
export function unpackedFolder(image: Pick<DiyImage, 'archiveName' | 'kind'>): string {
  return image.kind === 'folder' || image.kind === 'registry' ? image.archiveName : image.archiveName.replace(/(\.oci)?\.(tar|zip)$/i, '') || 'image';
}

export function diyCommands(image: DiyImage): DiyCommand[] {
  const folder = unpackedFolder(image);
  const q = shellQuote;
  const commands: DiyCommand[] = [];
  const compute = (title: string, command: string, prints?: string) => commands.push({ title, command, group: 'compute', ...(prints ? { prints } : {}) });
  const hashed = (title: string, blob: DiyBlob) => compute(title, `sha256sum ${q(blob.path)}`, `${hexOf(blob.digest)}  ${blob.path}`);

  if (image.kind === 'tar') compute('Unpack the image tar next to it', `mkdir -p ${q(folder)} && tar -xf ${q(image.archiveName)} -C ${q(folder)}`);
  if (image.kind === 'zip') compute('Unpack the OCI layout zip next to it', `unzip -q -o ${q(image.archiveName)} -d ${q(folder)}`);
  const pulled = image.registry;
  const tls = pulled?.insecure ? ' --tls-verify=false' : '';
  if (pulled) compute('Copy the image out of the registry, every blob byte for byte under its hex', `skopeo copy${pulled.insecure ? ' --src-tls-verify=false' : ''} docker://${q(pulled.manifestRef)} dir:${q(folder)}`);
  compute('Go into it', `cd ${q(folder)}`);
  if (pulled?.indexRef && image.imageIndex) compute('The image index the reference names: its digest is the SHA-256 of its bytes', `skopeo inspect${tls} --raw docker://${q(pulled.indexRef)} | sha256sum`, `${hexOf(image.imageIndex.digest)}  -`);
  if (image.indexJson) compute('index.json: the entry point (a plain file, not a blob)', 'sha256sum index.json', `${hexOf(image.indexJson)}  index.json`);
  if (image.indexJson) compute('What index.json names', 'jq . index.json');
  if (image.imageIndex && !pulled) hashed('The image index: its digest is the SHA-256 of its bytes', image.imageIndex);
  if (image.manifest) {
    hashed('The manifest: its digest is the image\'s identity', image.manifest);
    compute('The config and layers the manifest names', `jq '.config, .layers' ${q(image.manifest.path)}`);
  }
  if (image.config) {
    hashed('The config', image.config);
    compute('The diff_ids the config lists', `jq -r '.rootfs.diff_ids[]' ${q(image.config.path)}`);
    compute('How the image runs', `jq .config ${q(image.config.path)}`);
  }
  image.layers.forEach((layer, i) => {
    const name = `L${i + 1}`;
    hashed(`${name}: the layer digest, SHA-256 of the blob as stored`, layer);
    if (layer.diffId && layer.compression && layer.compression !== 'none') {
      compute(`${name}: the diff_id, SHA-256 of the uncompressed tar`, `${DECOMPRESS[layer.compression]} ${q(layer.path)} | sha256sum`, `${hexOf(layer.diffId)}  -`);
    }
    if (layer.compression !== null) compute(`${name}: its files, as tar lists them`, `tar -tvf ${q(layer.path)}`);
  });

  const tools = (title: string, command: string) => commands.push({ title, command, group: 'tools' });
  const archive = `../${image.archiveName}`;
  const skopeoRef = pulled ? `docker://${q(pulled.manifestRef)}` : image.ociLayout ? 'oci:.' : `docker-archive:${q(archive)}`;
  const source = pulled ? 'registry' : image.ociLayout ? 'layout' : 'archive';
  tools(`skopeo reads the ${source} and prints the manifest digest`, `skopeo inspect${tls} ${skopeoRef}`);
  tools('skopeo prints the config', `skopeo inspect${tls} --config ${skopeoRef}`);
  if (pulled) tools('podman pulls it (the ID it prints is the config digest\'s hex)', `podman pull${tls} ${q(pulled.manifestRef)}`);
  if (image.refTag && image.ociLayout) tools('umoci unpacks the root filesystem and runtime config', `umoci unpack --rootless --image ${q(`.:${image.refTag}`)} ../bundle && ls ../bundle/rootfs`);
  if (image.kind === 'tar') {
    tools('Docker loads the image tar', `docker load -i ${q(archive)}`);
    if (image.dockerName) tools('…and runs it', `docker run --rm ${q(image.dockerName)}`);
    tools('podman loads it too', `podman load -i ${q(archive)}`);
  }
  return commands;
}

/** The composer's build as the image tar writes it (formats/image-tar/write.ts), for image `platform`. */
export function diyOfIndex(index: ImageIndex, platform: number, archiveName: string): DiyImage {
  const image = index.images[platform] ?? index.images[0];
  const blob = (digest: Digest): DiyBlob => ({ path: blobPath(digest), digest });
  const reference = index.name ? parseImageReference(index.name) : undefined;
  return {
    archiveName,
    kind: 'tar',
    ociLayout: true,
    indexJson: index.index.descriptor.digest,
    ...(index.imageIndex ? { imageIndex: blob(index.imageIndex.descriptor.digest) } : {}),
    manifest: blob(image.manifest.descriptor.digest),
    config: blob(image.config.descriptor.digest),
    layers: image.layers.map((layer) => ({ ...blob(layer.descriptor.digest), diffId: layer.diffId, compression: layerCompressionOf(layer.descriptor.mediaType) })),
    ...(reference ? { refTag: reference.tag } : {}),
    ...(reference && dockerLoadImage(index) === image ? { dockerName: reference.familiar } : {}),
  };
}
