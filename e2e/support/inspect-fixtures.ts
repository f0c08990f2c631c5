// Image archives for the inspector's e2e tests, made by independent tools inside the test:
// umoci builds an OCI layout (busybox + files, then a layer that deletes one: a whiteout), skopeo
// copies it to docker-archive:, oci-archive: and a zstd oci: layout, and one copy gets a byte
// flipped inside a layer blob.

import { copyFileSync, mkdirSync, readFileSync, rmSync, symlinkSync, unlinkSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { runTool } from '../../src/test-support/oracle.ts';

export const INSPECT_TOOLS = ['umoci', 'skopeo', 'tar', 'busybox'];

export interface InspectFixtures {
  layout: string;
  dockerArchive: string;
  ociArchive: string;
  zstdLayout: string;
  flipped: string;
  /** Digest of the layer whose bytes were flipped in `flipped`. */
  flippedLayer: string;
  notAnArchive: string;
  truncated: string;
}

export const skopeo = (...args: string[]) => runTool('skopeo', ['--insecure-policy', ...args]);

export interface RawManifest {
  config: { digest: string; mediaType: string };
  layers: { digest: string; mediaType: string; size: number }[];
}
export const rawManifest = (ref: string): RawManifest => JSON.parse(skopeo('inspect', '--raw', ref));
export const inspected = (ref: string): { Digest: string; Layers: string[] } => JSON.parse(skopeo('inspect', ref));

/** Names GNU tar lists for a layer blob, normalised like the inspector's `tar -tv` names. */
export function tarNames(blobPath: string, compressed: 'gzip' | 'zstd' = 'gzip'): string[] {
  const flag = compressed === 'gzip' ? '-tzf' : '--zstd';
  const args = compressed === 'gzip' ? [flag, blobPath] : [flag, '-tf', blobPath];
  return runTool('tar', args).split('\n').map((n) => n.replace(/^\.\//, '')).filter((n) => n !== '' && n !== '.' && n !== './');
}

export function makeInspectFixtures(dir: string, extraFile?: { path: string; bytes: number }): InspectFixtures {
  const umoci = (...args: string[]) => runTool('umoci', args, { cwd: dir });
  const layout = join(dir, 'layout');
  const bundle = join(dir, 'bundle');
  umoci('init', '--layout', layout);
  umoci('new', '--image', `${layout}:t`);
  umoci('unpack', '--rootless', '--image', `${layout}:t`, bundle);
  const rootfs = join(bundle, 'rootfs');
  mkdirSync(join(rootfs, 'bin'), { recursive: true });
  mkdirSync(join(rootfs, 'etc'), { recursive: true });
  copyFileSync('/bin/busybox', join(rootfs, 'bin', 'busybox'));
  symlinkSync('busybox', join(rootfs, 'bin', 'sh'));
  writeFileSync(join(rootfs, 'etc', 'motd'), 'Hello from an umoci image\n');
  writeFileSync(join(rootfs, 'etc', 'old.conf'), 'to be deleted\n');
  if (extraFile) {
    runTool('dd', ['if=/dev/urandom', `of=${join(rootfs, extraFile.path)}`, 'bs=1M', `count=${extraFile.bytes >> 20}`, 'status=none']);
  }
  umoci('repack', '--history.created_by', 'COPY busybox motd old.conf /', '--image', `${layout}:t`, bundle);
  rmSync(bundle, { recursive: true, force: true });
  umoci('unpack', '--rootless', '--image', `${layout}:t`, bundle);
  unlinkSync(join(bundle, 'rootfs', 'etc', 'old.conf'));
  umoci('repack', '--history.created_by', 'RUN rm /etc/old.conf', '--image', `${layout}:t`, bundle);
  umoci('config', '--history.created_by', 'CMD ["/bin/sh"]', '--config.cmd', '/bin/sh', '--image', `${layout}:t`);
  rmSync(bundle, { recursive: true, force: true });

  const dockerArchive = join(dir, 'docker.tar');
  const ociArchive = join(dir, 'oci.tar');
  const zstdLayout = join(dir, 'zstd-layout');
  skopeo('copy', `oci:${layout}:t`, `docker-archive:${dockerArchive}:img:1`);
  skopeo('copy', `oci:${layout}:t`, `oci-archive:${ociArchive}`);
  skopeo('copy', '--dest-compress-format', 'zstd', `oci:${layout}:t`, `oci:${zstdLayout}:t`);

  // Flip one byte in the middle of the first (largest) layer blob, found in the archive by content.
  const flippedLayer = rawManifest(`oci:${layout}:t`).layers[0].digest;
  const layerBytes = readFileSync(join(layout, 'blobs', 'sha256', flippedLayer.slice(7)));
  const archive = readFileSync(ociArchive);
  const at = archive.indexOf(layerBytes.subarray(0, 512));
  if (at < 0) throw new Error('layer blob not found in the oci-archive');
  archive[at + (layerBytes.length >> 1)] ^= 0xff;
  const flipped = join(dir, 'flipped.tar');
  writeFileSync(flipped, archive);

  const notAnArchive = join(dir, 'notes.txt');
  writeFileSync(notAnArchive, 'This is a shopping list, not an image archive.\n'.repeat(40));
  const truncated = join(dir, 'truncated.tar');
  writeFileSync(truncated, readFileSync(ociArchive).subarray(0, Math.floor(archive.length * 0.6) + 100));
  return { layout, dockerArchive, ociArchive, zstdLayout, flipped, flippedLayer, notAnArchive, truncated };
}
