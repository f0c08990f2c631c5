// Pushing to a real registry (Debian's docker-registry on 127.0.0.1), judged by the tools: skopeo
// inspect shows our config, skopeo copy + umoci unpack + chroot runs the image; a second push
// sends no blob again; a blob of another repository is mounted; chunked uploads arrive whole, and
// an upload whose connection drops mid-chunk resumes from the registry's Range (or starts the blob
// again where distribution discarded the session).

import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { join } from 'node:path';
import { buildImage, buildIndex } from '../build/image.ts';
import type { ImageIndex } from '../image/model.ts';
import { busyboxSpec, EXPECTED_OUTPUT } from '../../test-support/busybox-image.ts';
import { smallSpec } from '../../test-support/image.ts';
import { startDroppingProxy } from '../../test-support/dropping-proxy.ts';
import { makeTempDir, requireTool, runTool } from '../../test-support/oracle.ts';
import { startRegistry, type AccessLine, type RunningRegistry } from '../../test-support/registry.ts';
import { runBundle } from '../../test-support/run-bundle.ts';
import { RegistryClient } from './client.ts';
import { pushImageIndex } from './push.ts';
import { parsePushTarget } from './reference.ts';
import type { BlobPushProgress } from './upload.ts';

const TOOLS = ['skopeo', 'docker-registry', 'umoci', 'chroot', 'mount', 'busybox'];
const skopeo = (...args: string[]) => runTool('skopeo', ['--insecure-policy', ...args]);
const clientFor = (host: string) => new RegistryClient(parsePushTarget(`${host}/x`), { fetch: (url, init) => fetch(url, init) });
const blobWrites = (lines: AccessLine[]) => lines.filter((l) => l.path.includes('/blobs/uploads/') && l.method !== 'OPTIONS');
const quick = { backoff: () => 10 };

describe.skipIf(!TOOLS.every(requireTool))('pushing to docker-registry', () => {
  const temp = makeTempDir('push-oracle');
  let registry: RunningRegistry;
  let image: ImageIndex;
  beforeAll(async () => {
    registry = await startRegistry();
    image = await buildImage(await busyboxSpec('0:0'));
  });
  afterAll(async () => {
    await registry?.stop();
    temp.remove();
  });

  it('pushes busybox: skopeo shows its config, umoci + chroot run it; a second push uploads nothing', async () => {
    const client = clientFor(registry.host);
    const before = registry.requests().length;
    const states: BlobPushProgress[] = [];
    const result = await pushImageIndex(client, { repository: 'team/busybox', tag: '1.0' }, image, { onProgress: (p) => states.push(p), ...quick });
    expect(result.digest).toBe(image.images[0].manifest.descriptor.digest);
    expect(result.blobs.map((b) => b.outcome)).toEqual(Array(4).fill('pushed'));
    expect(states.at(-1)?.state).toBe('pushed');
    const ref = `docker://${registry.host}/team/busybox:1.0`;
    expect(JSON.parse(skopeo('inspect', '--tls-verify=false', ref)).Digest).toBe(result.digest);
    const config = JSON.parse(skopeo('inspect', '--tls-verify=false', '--config', ref));
    expect(config.config.Entrypoint).toEqual(['/bin/busybox', 'sh', '-c']);
    expect(config.rootfs.diff_ids).toEqual(image.images[0].layers.map((l) => l.diffId));
    const layout = join(temp.path, 'layout');
    skopeo('copy', '--src-tls-verify=false', ref, `oci:${layout}:1.0`);
    runTool('umoci', ['unpack', '--rootless', '--image', `${layout}:1.0`, join(temp.path, 'bundle')]);
    expect(runBundle(join(temp.path, 'bundle'))).toBe(EXPECTED_OUTPUT);
    expect(blobWrites(registry.requests().slice(before)).length).toBeGreaterThan(0);

    const again = registry.requests().length;
    const second = await pushImageIndex(client, { repository: 'team/busybox', tag: '1.0' }, image, quick);
    expect(second.blobs.map((b) => b.outcome)).toEqual(Array(4).fill('exists'));
    const sent = registry.requests().slice(again);
    expect(blobWrites(sent)).toEqual([]);
    expect(sent.filter((l) => l.method === 'HEAD').length).toBe(4);
  });

  it('mounts blobs from another repository of the registry instead of uploading them', async () => {
    const client = clientFor(registry.host);
    await pushImageIndex(client, { repository: 'team/source', tag: '1' }, image, quick);
    const before = registry.requests().length;
    const result = await pushImageIndex(client, { repository: 'other/copy', tag: '1' }, image, { mountFrom: () => ['team/source'], ...quick });
    expect(result.blobs.map((b) => b.outcome)).toEqual(Array(4).fill('mounted'));
    const sent = blobWrites(registry.requests().slice(before));
    expect(sent.map((l) => [l.method, l.status])).toEqual(Array(4).fill(['POST', 201]));
    expect(sent.every((l) => l.path.includes('mount=') && l.path.includes('from=team%2Fsource'))).toBe(true);
  });

  it('pushes a two-platform build as its image index: the tag names the index, each platform\'s manifest and config are there', async () => {
    const multi = await buildIndex([smallSpec(), smallSpec({ platform: { os: 'linux', architecture: 'arm64', variant: 'v8' } })]);
    const result = await pushImageIndex(clientFor(registry.host), { repository: 'team/multi', tag: '1' }, multi, quick);
    expect(result.digest).toBe(multi.imageIndex!.descriptor.digest);
    const ref = `docker://${registry.host}/team/multi:1`;
    const raw = skopeo('inspect', '--tls-verify=false', '--raw', ref);
    expect(raw).toBe(new TextDecoder().decode(multi.imageIndex!.bytes));
    for (const image of multi.images) {
      const pinned = `docker://${registry.host}/team/multi@${image.manifest.descriptor.digest}`;
      expect(skopeo('inspect', '--tls-verify=false', '--raw', pinned)).toBe(new TextDecoder().decode(image.manifest.bytes));
      const config = JSON.parse(skopeo('inspect', '--tls-verify=false', '--config', pinned));
      expect(config.architecture).toBe(image.config.value.architecture);
    }
  });

  it('uploads in chunks with Content-Range, and resumes a chunk whose connection dropped', async () => {
    const proxy = await startDroppingProxy(registry.port, { nth: 3, mode: 'hold' });
    try {
      const states: BlobPushProgress[] = [];
      const result = await pushImageIndex(clientFor(proxy.host), { repository: 'team/chunked', tag: '1' }, image, { chunkBytes: 1024 * 1024, onProgress: (p) => states.push(p), ...quick });
      expect(proxy.dropped()).toBe(1);
      expect(states.some((s) => s.state === 'resuming' && s.note?.includes('resuming from there'))).toBe(true);
      const layerBytes = image.images[0].layers.filter((l) => l.blob.size > 1024 * 1024).reduce((n, l) => n + l.blob.size, 0);
      // Nothing was sent twice: the dropped half-chunk never reached the registry.
      expect(proxy.patchBytes()).toBe(layerBytes);
      expect(JSON.parse(skopeo('inspect', '--tls-verify=false', `docker://${registry.host}/team/chunked:1`)).Digest).toBe(result.digest);
      skopeo('copy', '--src-tls-verify=false', `docker://${registry.host}/team/chunked:1`, `dir:${join(temp.path, 'chunked')}`);
    } finally {
      await proxy.stop();
    }
  });

  it('sends a blob again when the registry discarded the interrupted session, and completes', async () => {
    // The first PATCH is always a full chunk (a blob no larger than one goes in a single PUT), so half
    // a MiB reaches distribution before the drop and it discards the session; a short last chunk
    // cut in half leaves it nothing to discard, and the upload resumes instead.
    const proxy = await startDroppingProxy(registry.port, { nth: 1, mode: 'pass' });
    try {
      const states: BlobPushProgress[] = [];
      const result = await pushImageIndex(clientFor(proxy.host), { repository: 'team/restarted', tag: '1' }, image, { chunkBytes: 1024 * 1024, onProgress: (p) => states.push(p), ...quick });
      expect(proxy.dropped()).toBe(1);
      expect(states.some((s) => s.note?.includes('from the start'))).toBe(true);
      skopeo('copy', '--src-tls-verify=false', `docker://${registry.host}/team/restarted:1`, `dir:${join(temp.path, 'restarted')}`);
      expect(JSON.parse(skopeo('inspect', '--tls-verify=false', `docker://${registry.host}/team/restarted:1`)).Digest).toBe(result.digest);
    } finally {
      await proxy.stop();
    }
  });
});
