// One line for a learner about each media type an image can contain; anything else is shown as
// unknown rather than guessed at.

const KNOWN: Record<string, { name: string; about: string }> = {
  'application/vnd.oci.image.index.v1+json': { name: 'OCI image index', about: 'A list of manifests, usually one per platform (os/architecture).' },
  'application/vnd.docker.distribution.manifest.list.v2+json': { name: 'Docker manifest list', about: "Docker's older form of an index: one manifest per platform." },
  'application/vnd.oci.image.manifest.v1+json': { name: 'OCI image manifest', about: 'Names one config and the ordered layer blobs by digest and size.' },
  'application/vnd.docker.distribution.manifest.v2+json': { name: 'Docker image manifest (schema 2)', about: "Docker's manifest: the same idea as an OCI manifest, other media types." },
  'application/vnd.oci.image.config.v1+json': { name: 'OCI image config', about: 'How to run the image, plus the diff_ids of the uncompressed layers and their history.' },
  'application/vnd.docker.container.image.v1+json': { name: 'Docker image config', about: "Docker's image config; the same fields as OCI's." },
  'application/vnd.oci.image.layer.v1.tar': { name: 'OCI layer (tar)', about: 'A filesystem changeset as a plain tar.' },
  'application/vnd.oci.image.layer.v1.tar+gzip': { name: 'OCI layer (tar+gzip)', about: 'A filesystem changeset as a gzip-compressed tar.' },
  'application/vnd.oci.image.layer.v1.tar+zstd': { name: 'OCI layer (tar+zstd)', about: 'A filesystem changeset as a zstd-compressed tar.' },
  'application/vnd.oci.image.layer.nondistributable.v1.tar': { name: 'OCI non-distributable layer (tar)', about: 'A layer registries may refuse to copy (deprecated).' },
  'application/vnd.oci.image.layer.nondistributable.v1.tar+gzip': { name: 'OCI non-distributable layer (tar+gzip)', about: 'A layer registries may refuse to copy (deprecated).' },
  'application/vnd.oci.image.layer.nondistributable.v1.tar+zstd': { name: 'OCI non-distributable layer (tar+zstd)', about: 'A layer registries may refuse to copy (deprecated).' },
  'application/vnd.docker.image.rootfs.diff.tar.gzip': { name: 'Docker layer (tar+gzip)', about: "Docker's media type for a gzip-compressed layer tar." },
  'application/vnd.docker.image.rootfs.foreign.diff.tar.gzip': { name: 'Docker foreign layer', about: 'A layer normally fetched from elsewhere (Windows base layers).' },
  'application/vnd.oci.empty.v1+json': { name: 'OCI empty descriptor', about: 'The two bytes {} standing in where a blob is required but nothing is needed.' },
  'application/vnd.in-toto+json': { name: 'in-toto attestation', about: 'A signed statement about how the image was built (provenance, SBOM).' },
};

export function describeMediaType(mediaType: string | undefined): { name: string; about: string; known: boolean } {
  if (!mediaType) return { name: 'no media type', about: 'The descriptor names no media type.', known: false };
  const known = KNOWN[mediaType];
  return known ? { ...known, known: true } : { name: 'unknown media type', about: `"${mediaType}" is not a type Layerpad knows; the blob is shown but not interpreted.`, known: false };
}
