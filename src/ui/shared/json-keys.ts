// One line on what each key of an image's JSON documents means, shown on hover in the JSON view,
// as oci.dag.dev does for digests. The document kind is recognised from its shape; a key is
// looked up by its path (`config.Env`, `layers[].digest`), then by its name alone.

export type JsonKind = 'config' | 'manifest' | 'index' | 'docker-manifest' | 'other';

/** What a parsed document is, from its fields. */
export function jsonKind(value: unknown): JsonKind {
  if (Array.isArray(value)) return value.some((v) => v && typeof v === 'object' && 'RepoTags' in v) ? 'docker-manifest' : 'other';
  if (!value || typeof value !== 'object') return 'other';
  if ('rootfs' in value) return 'config';
  if ('manifests' in value) return 'index';
  if ('layers' in value && 'config' in value) return 'manifest';
  return 'other';
}

const DESCRIPTOR: Record<string, string> = {
  mediaType: 'What the named blob is, as a media type.',
  digest: 'The SHA-256 of the named blob\'s bytes: its name, and how it is checked.',
  size: 'Bytes of the named blob; a reader checks it before hashing.',
  annotations: 'Free key=value metadata about the named blob.',
  urls: 'Other places the blob may be fetched from.',
  platform: 'The OS and architecture the named image runs on.',
  artifactType: 'What kind of artifact this is, when it is not a runnable image.',
  data: 'The blob\'s bytes themselves, base64, embedded in the descriptor.',
};

const BY_PATH: Record<Exclude<JsonKind, 'other'>, Record<string, string>> = {
  config: {
    created: 'When the image was created (RFC 3339); Layerpad also stamps it as every file\'s mtime.',
    author: 'Who made the image.',
    architecture: 'CPU architecture the binaries are for (amd64, arm64…).',
    os: 'Operating system the image runs on (linux).',
    'os.version': 'OS version the image needs (used for Windows).',
    'os.features': 'OS features the image needs.',
    variant: 'CPU variant (v8 for arm64, v7 for arm).',
    config: 'How to run a container from this image: the runtime settings below.',
    'config.User': 'The user (and group) the process runs as.',
    'config.ExposedPorts': 'Ports the process listens on; documentation, nothing is published.',
    'config.Env': 'Environment variables, KEY=value, set for the process.',
    'config.Entrypoint': 'The program the container runs; Cmd is appended as its arguments.',
    'config.Cmd': 'Default arguments (or the command when there is no Entrypoint).',
    'config.Volumes': 'Paths a runtime should mount volumes on.',
    'config.WorkingDir': 'The process\'s current directory.',
    'config.Labels': 'Free key=value metadata about the image.',
    'config.StopSignal': 'The signal that asks the container to stop.',
    'config.ArgsEscaped': 'Windows only: Cmd is one already-escaped command line.',
    rootfs: 'The layers, by the digests of their uncompressed tars.',
    'rootfs.type': 'Always "layers".',
    'rootfs.diff_ids': 'SHA-256 of each uncompressed layer tar, bottom first: what the layers must unpack to.',
    history: 'How each layer (and each config-only step) was made, in order.',
    'history[].created': 'When this step ran.',
    'history[].created_by': 'The command that made this step (e.g. a Dockerfile line).',
    'history[].author': 'Who made this step.',
    'history[].comment': 'A note about this step.',
    'history[].empty_layer': 'True when the step changed only the config and made no layer.',
  },
  manifest: {
    schemaVersion: 'Always 2 for this manifest format.',
    mediaType: 'What this document is: an OCI (or Docker) image manifest.',
    config: 'The descriptor of the image\'s config blob.',
    'config.mediaType': 'What the config is (an OCI image config).',
    'config.digest': 'The config\'s SHA-256: change any setting and this changes.',
    'config.size': 'Bytes of the config.',
    layers: 'The layer blobs, bottom first, as they are applied.',
    'layers[].mediaType': 'The layer\'s format: a tar, compressed with gzip or zstd or not at all.',
    'layers[].digest': 'SHA-256 of the layer blob as stored (compressed): not the diff_id.',
    'layers[].size': 'Bytes of the layer blob as stored.',
    subject: 'The manifest this one refers to (a signature or SBOM attached to an image).',
    annotations: 'Free key=value metadata about the image.',
  },
  index: {
    schemaVersion: 'Always 2 for this index format.',
    mediaType: 'What this document is: an OCI image index.',
    manifests: 'The manifests (or indexes) this index names, one per platform for a multi-platform image.',
    'manifests[].digest': 'The SHA-256 of that manifest: the image\'s identity.',
    'manifests[].platform.architecture': 'The CPU architecture that image is for.',
    'manifests[].platform.os': 'The operating system that image is for.',
    'manifests[].platform.variant': 'The CPU variant that image is for.',
    'manifests[].annotations': 'Metadata about that image; org.opencontainers.image.ref.name is its tag.',
    annotations: 'Free key=value metadata about the index.',
    subject: 'The manifest this index refers to.',
  },
  'docker-manifest': {
    '[].Config': 'Where in the archive the image\'s config is.',
    '[].RepoTags': 'The names docker load gives the image.',
    '[].Layers': 'Where in the archive each layer is, bottom first.',
    '[].LayerSources': 'Layers that are not in the archive and where they come from.',
  },
};

const ANNOTATION: Record<string, string> = {
  'org.opencontainers.image.ref.name': 'The image\'s name (tag) inside an OCI layout.',
  'io.containerd.image.name': 'The full image name containerd imports it under.',
  'org.opencontainers.image.created': 'When the image was created.',
  'org.opencontainers.image.source': 'Where the image\'s source code lives.',
  'org.opencontainers.image.title': 'A human-readable title.',
  'org.opencontainers.image.version': 'The version of the packaged software.',
};

/** The meaning of the key at `path` (segments, `[]` for array items) in a document of `kind`. */
export function keyMeaning(kind: JsonKind, path: readonly string[]): string | undefined {
  const joined = path.join('.').replace(/\.\[\]/g, '[]');
  const key = path[path.length - 1];
  if (kind !== 'other') {
    const exact = BY_PATH[kind][joined];
    if (exact) return exact;
  }
  return ANNOTATION[key] ?? DESCRIPTOR[key];
}
