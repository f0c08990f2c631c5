// More inputs for the inspector's e2e tests, all from independent tools: an umoci OCI layout
// zipped by Info-ZIP `zip -0` (stored) and by Python's zipfile (deflated); a multi-platform
// layout (two umoci images, linux/amd64 with a PNG and linux/arm64, under one hand-written
// index.json with `platform`s) tarred by GNU tar; and the Docker 25+ `docker save` form (the
// umoci layout plus Docker's manifest.json and repositories) tarred by GNU tar.

import { cpSync, mkdirSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { deflateSync } from 'node:zlib';
import { runTool } from '../../src/test-support/oracle.ts';

export const INPUT_TOOLS = ['umoci', 'skopeo', 'tar', 'zip', 'unzip', 'python3'];

export interface Descriptor { mediaType: string; digest: string; size: number }
export interface PlatformImage {
  platform: { os: string; architecture: string };
  manifest: Descriptor;
  config: string;
  layers: string[];
}

const blobFile = (layout: string, digest: string) => join(layout, 'blobs', 'sha256', digest.slice('sha256:'.length));
const readJson = <T>(layout: string, digest: string): T => JSON.parse(readFileSync(blobFile(layout, digest), 'utf8'));

const PY_DEFLATED_ZIP = `
import os, sys, zipfile
out, root = sys.argv[1:]
with zipfile.ZipFile(out, 'w', zipfile.ZIP_DEFLATED) as z:
    for d, _, files in sorted(os.walk(root)):
        for f in sorted(files):
            z.write(os.path.join(d, f), os.path.relpath(os.path.join(d, f), root))
`;

/** The layout's whole content as `zip -0` (every entry stored) or Python zipfile (every entry deflated). */
export function zipLayout(layout: string, out: string, method: 'stored' | 'deflated'): string {
  if (method === 'stored') runTool('zip', ['-0', '-r', '-q', out, 'oci-layout', 'index.json', 'blobs'], { cwd: layout });
  else runTool('python3', ['-c', PY_DEFLATED_ZIP, out, layout]);
  return out;
}

/** Compression methods of a zip's files as `unzip -v` reports them (e.g. "Stored", "Defl:N"). */
export function zipMethods(zip: string): string[] {
  return runTool('unzip', ['-v', zip]).split('\n').filter((l) => / [0-9a-f]{8}  /.test(l) && !l.trimEnd().endsWith('/')).map((l) => l.trim().split(/\s+/)[1]);
}

/** A valid `width` x `height` RGB PNG (signature, IHDR, one IDAT, IEND), pixels in a gradient. */
export function tinyPng(width: number, height: number): Buffer {
  const crcTable = Array.from({ length: 256 }, (_, n) => {
    let c = n;
    for (let k = 0; k < 8; k++) c = c & 1 ? 0xedb88320 ^ (c >>> 1) : c >>> 1;
    return c >>> 0;
  });
  const crc32 = (bytes: Buffer) => {
    let c = 0xffffffff;
    for (const b of bytes) c = crcTable[(c ^ b) & 0xff] ^ (c >>> 8);
    return (c ^ 0xffffffff) >>> 0;
  };
  const chunk = (type: string, data: Buffer) => {
    const body = Buffer.concat([Buffer.from(type, 'latin1'), data]);
    const length = Buffer.alloc(4);
    length.writeUInt32BE(data.length);
    const crc = Buffer.alloc(4);
    crc.writeUInt32BE(crc32(body));
    return Buffer.concat([length, body, crc]);
  };
  const ihdr = Buffer.alloc(13);
  ihdr.writeUInt32BE(width, 0);
  ihdr.writeUInt32BE(height, 4);
  ihdr.set([8, 2, 0, 0, 0], 8); // 8-bit RGB, deflate, no filter, no interlace
  const rows = Array.from({ length: height }, (_, y) => Buffer.from([0, ...Array.from({ length: width }, (_, x) => [x * 60, y * 60, 200]).flat()]));
  const signature = Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]);
  return Buffer.concat([signature, chunk('IHDR', ihdr), chunk('IDAT', deflateSync(Buffer.concat(rows))), chunk('IEND', Buffer.alloc(0))]);
}

export const PNG_PATH = 'usr/share/pixels.png';
export const PNG_SIZE = { width: 5, height: 3 };

/**
 * Two umoci images in one layout, linux/amd64 (with a PNG at PNG_PATH) and linux/arm64, listed by a
 * hand-written index.json whose entries carry the platform each config states; tarred by GNU tar
 * from inside the layout (names start with `./`, as a hand-made tar's do).
 */
export function makeMultiPlatform(dir: string): { layout: string; archive: string; images: PlatformImage[] } {
  const layout = join(dir, 'multi-layout');
  const umoci = (...args: string[]) => runTool('umoci', args, { cwd: dir });
  umoci('init', '--layout', layout);
  const images = (['amd64', 'arm64'] as const).map((architecture): PlatformImage => {
    const image = `${layout}:${architecture}`;
    const bundle = join(dir, `bundle-${architecture}`);
    umoci('new', '--image', image);
    umoci('config', '--image', image, '--os', 'linux', '--architecture', architecture);
    umoci('unpack', '--rootless', '--image', image, bundle);
    const rootfs = join(bundle, 'rootfs');
    mkdirSync(join(rootfs, 'etc'), { recursive: true });
    writeFileSync(join(rootfs, 'etc', 'platform'), `linux/${architecture}\n`);
    if (architecture === 'amd64') {
      mkdirSync(join(rootfs, 'usr', 'share'), { recursive: true });
      writeFileSync(join(rootfs, PNG_PATH), tinyPng(PNG_SIZE.width, PNG_SIZE.height));
    }
    umoci('repack', '--history.created_by', `COPY platform-${architecture} /`, '--image', image, bundle);
    rmSync(bundle, { recursive: true, force: true });
    const index: { manifests: (Descriptor & { annotations: Record<string, string> })[] } = JSON.parse(readFileSync(join(layout, 'index.json'), 'utf8'));
    const entry = index.manifests.find((m) => m.annotations['org.opencontainers.image.ref.name'] === architecture)!;
    const manifest = readJson<{ config: Descriptor; layers: Descriptor[] }>(layout, entry.digest);
    const config = readJson<{ os: string; architecture: string }>(layout, manifest.config.digest);
    return {
      platform: { os: config.os, architecture: config.architecture },
      manifest: { mediaType: entry.mediaType, digest: entry.digest, size: statSync(blobFile(layout, entry.digest)).size },
      config: manifest.config.digest,
      layers: manifest.layers.map((l) => l.digest),
    };
  });
  const index = {
    schemaVersion: 2,
    mediaType: 'application/vnd.oci.image.index.v1+json',
    manifests: images.map((i) => ({ ...i.manifest, platform: i.platform })),
  };
  writeFileSync(join(layout, 'index.json'), JSON.stringify(index));
  const archive = join(dir, 'multi-platform.tar');
  runTool('tar', ['-C', layout, '-cf', archive, '.']);
  return { layout, archive, images };
}

/**
 * The Docker 25+ `docker save` form from an umoci layout's tag: the OCI layout with the index entry
 * Docker writes, plus `manifest.json` (paths into blobs/sha256) and `repositories`, as Docker
 * orders them. (skopeo writes neither this nor it: `docker-archive:` is the legacy form,
 * `oci-archive:` has no manifest.json.)
 */
export function makeDocker25Save(layout: string, tag: string, dir: string, repoTag: string): { archive: string; manifest: string; config: string; layers: string[] } {
  const root = join(dir, 'docker25');
  cpSync(join(layout, 'blobs'), join(root, 'blobs'), { recursive: true });
  cpSync(join(layout, 'oci-layout'), join(root, 'oci-layout'));
  const umociIndex: { manifests: (Descriptor & { annotations?: Record<string, string> })[] } = JSON.parse(readFileSync(join(layout, 'index.json'), 'utf8'));
  const entry = umociIndex.manifests.find((m) => m.annotations?.['org.opencontainers.image.ref.name'] === tag)!;
  const manifest = readJson<{ config: Descriptor; layers: Descriptor[] }>(layout, entry.digest);
  const [repo, version] = repoTag.split(':');
  const annotations = { 'io.containerd.image.name': `docker.io/library/${repoTag}`, 'org.opencontainers.image.ref.name': version };
  writeFileSync(join(root, 'index.json'), JSON.stringify({ schemaVersion: 2, mediaType: 'application/vnd.oci.image.index.v1+json', manifests: [{ mediaType: entry.mediaType, digest: entry.digest, size: entry.size, annotations }] }));
  const path = (digest: string) => `blobs/sha256/${digest.slice('sha256:'.length)}`;
  writeFileSync(join(root, 'manifest.json'), JSON.stringify([{ Config: path(manifest.config.digest), RepoTags: [repoTag], Layers: manifest.layers.map((l) => path(l.digest)) }]));
  const top = manifest.layers.at(-1)!.digest.slice('sha256:'.length);
  writeFileSync(join(root, 'repositories'), JSON.stringify({ [repo]: { [version]: top } }));
  const archive = join(dir, 'docker25-save.tar');
  runTool('tar', ['-C', root, '-cf', archive, 'blobs', 'index.json', 'manifest.json', 'oci-layout', 'repositories']);
  return { archive, manifest: entry.digest, config: manifest.config.digest, layers: manifest.layers.map((l) => l.digest) };
}
