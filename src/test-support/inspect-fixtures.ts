// Image archives built byte by byte for inspector tests: an OCI layout (optionally with Docker's
// manifest.json) or a legacy docker save, as a map of paths that tests bend before packing it
// into a tar with the project's tar writer.

import { gzipSync } from 'fflate';
import type { FsEntry } from '../core/fs/entry.ts';
import { tarBlob } from '../core/tar/write.ts';
import { sha256OfBytes } from '../core/hash/sha256.ts';
import { hexOf, type Digest } from '../core/digest.ts';

const enc = new TextEncoder();
export const bytesOf = async (b: Blob) => new Uint8Array(await b.arrayBuffer());

export function fileEntry(path: string, content: string | Uint8Array, mode = 0o644): FsEntry {
  const blob = new Blob([typeof content === 'string' ? enc.encode(content) : (content as Uint8Array<ArrayBuffer>)]);
  return { path, type: 'file', mode, uid: 0, gid: 0, size: blob.size, content: blob };
}
export const dirEntry = (path: string): FsEntry => ({ path, type: 'dir', mode: 0o755, uid: 0, gid: 0, size: 0 });
export const linkEntry = (path: string, linkname: string, type: 'symlink' | 'hardlink' = 'symlink'): FsEntry =>
  ({ path, type, mode: 0o777, uid: 0, gid: 0, size: 0, linkname });

export type ArchiveMember = Uint8Array | { symlink: string };

/** A tar holding `members` (bytes or symlinks), written by the project's tar writer. */
export function packTar(members: Map<string, ArchiveMember>): Blob {
  const entries: FsEntry[] = [...members].map(([path, m]) => (m instanceof Uint8Array ? fileEntry(path, m) : linkEntry(path, m.symlink)));
  return tarBlob(entries, { mtime: 0 });
}

export interface FixtureLayer {
  entries: FsEntry[];
  compression?: 'gzip' | 'none';
  /** Stores other bytes than the (gzipped) tar, e.g. zstd or multi-member gzip; diff_id stays the tar's. */
  encode?: (tar: Uint8Array) => Uint8Array;
  mediaType?: string;
  createdBy?: string;
}

export interface OciFixture {
  members: Map<string, ArchiveMember>;
  layers: { digest: Digest; diffId: Digest; tar: Uint8Array; blob: Uint8Array }[];
  config: { digest: Digest; bytes: Uint8Array; doc: Record<string, unknown> };
  manifest: { digest: Digest; bytes: Uint8Array; doc: Record<string, unknown> };
}

export interface OciFixtureOptions {
  /** Edit the config/manifest/index documents before they are serialised. */
  config?: (doc: Record<string, unknown>) => void;
  manifest?: (doc: Record<string, unknown>) => void;
  index?: (doc: Record<string, unknown>) => void;
  dockerManifestJson?: boolean;
}

export async function ociFixture(layers: FixtureLayer[], opts: OciFixtureOptions = {}): Promise<OciFixture> {
  const members = new Map<string, ArchiveMember>();
  const blob = async (bytes: Uint8Array): Promise<Digest> => {
    const digest = await sha256OfBytes(bytes);
    members.set(`blobs/sha256/${hexOf(digest)}`, bytes);
    return digest;
  };
  const built: OciFixture['layers'] = [];
  for (const layer of layers) {
    const tar = await bytesOf(tarBlob(layer.entries, { mtime: 0 }));
    const stored = layer.encode ? layer.encode(tar) : layer.compression === 'none' ? tar : gzipSync(tar, { mtime: 0 });
    built.push({ tar, blob: stored, diffId: await sha256OfBytes(tar), digest: await blob(stored) });
  }
  const configDoc: Record<string, unknown> = {
    architecture: 'amd64', os: 'linux',
    config: { Cmd: ['/bin/sh'] },
    rootfs: { type: 'layers', diff_ids: built.map((l) => l.diffId) },
    history: [{ created_by: 'ARG x', empty_layer: true }, ...layers.map((l, i) => ({ created_by: l.createdBy ?? `layer ${i}` }))],
  };
  opts.config?.(configDoc);
  const configBytes = enc.encode(JSON.stringify(configDoc));
  const configDigest = await blob(configBytes);
  const manifestDoc: Record<string, unknown> = {
    schemaVersion: 2,
    mediaType: 'application/vnd.oci.image.manifest.v1+json',
    config: { mediaType: 'application/vnd.oci.image.config.v1+json', digest: configDigest, size: configBytes.length },
    layers: layers.map((l, i) => ({
      mediaType: l.mediaType ?? (l.compression === 'none' ? 'application/vnd.oci.image.layer.v1.tar' : 'application/vnd.oci.image.layer.v1.tar+gzip'),
      digest: built[i].digest,
      size: built[i].blob.length,
    })),
  };
  opts.manifest?.(manifestDoc);
  const manifestBytes = enc.encode(JSON.stringify(manifestDoc));
  const manifestDigest = await blob(manifestBytes);
  const indexDoc: Record<string, unknown> = {
    schemaVersion: 2,
    mediaType: 'application/vnd.oci.image.index.v1+json',
    manifests: [{
      mediaType: 'application/vnd.oci.image.manifest.v1+json', digest: manifestDigest, size: manifestBytes.length,
      platform: { architecture: 'amd64', os: 'linux' },
      annotations: { 'org.opencontainers.image.ref.name': 'example.com/app:1.0' },
    }],
  };
  opts.index?.(indexDoc);
  members.set('oci-layout', enc.encode('{"imageLayoutVersion":"1.0.0"}'));
  members.set('index.json', enc.encode(JSON.stringify(indexDoc)));
  if (opts.dockerManifestJson) {
    members.set('manifest.json', enc.encode(JSON.stringify([{
      Config: `blobs/sha256/${hexOf(configDigest)}`, RepoTags: ['example.com/app:1.0'],
      Layers: built.map((l) => `blobs/sha256/${hexOf(l.digest)}`),
    }])));
  }
  return {
    members,
    layers: built,
    config: { digest: configDigest, bytes: configBytes, doc: configDoc },
    manifest: { digest: manifestDigest, bytes: manifestBytes, doc: manifestDoc },
  };
}
