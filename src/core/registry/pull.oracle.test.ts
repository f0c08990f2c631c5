// A real registry decides (Debian's docker-registry, distribution 2.8, on 127.0.0.1): images that
// skopeo puts there (one image, a multi-platform index, zstd layers) are read with the digests
// skopeo reports and verify; a flipped byte in the registry's storage is a mismatch.

import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { buildImage } from '../build/image.ts';
import { writeImageTar } from '../formats/image-tar/write.ts';
import { smallSpec } from '../../test-support/image.ts';
import { makeTempDir, requireTool, runTool } from '../../test-support/oracle.ts';
import { writeMultiPlatformLayout } from '../../test-support/multi-platform.ts';
import { startRegistry, type RunningRegistry } from '../../test-support/registry.ts';
import { memorySinkFactory } from '../store/memory.ts';
import { openRegistrySession } from '../inspect/pull.ts';
import { startDownloadDroppingProxy } from '../../test-support/dropping-proxy.ts';

const skopeo = (...args: string[]) => runTool('skopeo', ['--insecure-policy', ...args]);
const deps = { fetch: (url: string, init: RequestInit) => fetch(url, init), sinks: memorySinkFactory };

describe.skipIf(!requireTool('skopeo') || !requireTool('docker-registry'))('pulling from docker-registry', () => {
  const temp = makeTempDir('pull-oracle');
  let registry: RunningRegistry;
  beforeAll(async () => {
    registry = await startRegistry();
    const archive = join(temp.path, 'small.tar');
    writeFileSync(archive, new Uint8Array(await (await writeImageTar(await buildImage(smallSpec()))).arrayBuffer()));
    skopeo('copy', '--dest-tls-verify=false', `oci-archive:${archive}`, `docker://${registry.host}/team/small:1`);
    // Through an oci: directory, so skopeo cannot reuse the gzip blobs it has just pushed.
    skopeo('copy', '--dest-compress-format', 'zstd', `oci-archive:${archive}`, `oci:${join(temp.path, 'zstd')}:1`);
    skopeo('copy', '--dest-tls-verify=false', `oci:${join(temp.path, 'zstd')}:1`, `docker://${registry.host}/team/small:zstd`);
  });
  afterAll(async () => {
    await registry?.stop();
    temp.remove();
  });

  it('reads one image with the digests skopeo reports, and verifies it', async () => {
    const session = await openRegistrySession(`${registry.host}/team/small:1`, deps);
    const raw = JSON.parse(skopeo('inspect', '--tls-verify=false', '--raw', `docker://${registry.host}/team/small:1`));
    const inspected = JSON.parse(skopeo('inspect', '--tls-verify=false', `docker://${registry.host}/team/small:1`));
    const view = session.view;
    expect(view.format).toBe('registry');
    expect(view.problems.filter((p) => p.severity === 'error')).toEqual([]);
    expect(view.selected).toBe(inspected.Digest);
    expect(view.pulledFrom).toMatchObject({ registry: registry.host, repository: 'team/small', tag: '1', digest: inspected.Digest });
    expect(view.layers.map((l) => l.descriptor.digest)).toEqual(raw.layers.map((l: { digest: string }) => l.digest));
    expect(view.config?.digest).toBe(raw.config.digest);
    expect(view.editable).not.toBe(true);
    const report = await session.verify({});
    expect([...report.blobs.values()].map((b) => b.status)).toEqual(Array(report.blobs.size).fill('verified'));
    expect(report.layers.map((l) => l.status)).toEqual(['verified', 'verified']);
    expect(session.view.editable).toBe(true);
    const tar = await session.imageTar();
    expect(tar.name).toBe(`${registry.host.replace(':', '-')}-team-small-1.tar`);
    const saved = join(temp.path, 'saved.tar');
    writeFileSync(saved, new Uint8Array(await tar.blob.arrayBuffer()));
    expect(JSON.parse(skopeo('inspect', `oci-archive:${saved}`)).Digest).toBe(inspected.Digest);
  });

  it('resumes a blob download that broke off halfway from the byte it stopped at (Range), and the image verifies', async () => {
    const raw = JSON.parse(skopeo('inspect', '--tls-verify=false', '--raw', `docker://${registry.host}/team/small:1`));
    // The largest blob's response is cut halfway (the config or a layer: both are streamed).
    const sizes = [raw.config.size, ...raw.layers.map((l: { size: number }) => l.size)] as number[];
    const proxy = await startDownloadDroppingProxy(registry.port, { atLeast: Math.max(...sizes) });
    try {
      const session = await openRegistrySession(`${proxy.host}/team/small:1`, deps);
      const report = await session.verify({});
      expect([...report.blobs.values()].map((b) => b.status)).toEqual(Array(report.blobs.size).fill('verified'));
      expect(report.layers.map((l) => l.status)).toEqual(['verified', 'verified']);
      const resumed = proxy.ranges().filter((r) => r !== '');
      expect(resumed).toHaveLength(1);
      expect(resumed[0]).toBe(`bytes=${Math.floor(Math.max(...sizes) / 2)}-`);
      // Every blob crossed once: nothing was pulled again from its start.
      expect(proxy.bodyBytes()).toBe(sizes.reduce((a, b) => a + b, 0));
    } finally {
      await proxy.stop();
    }
  });

  it('reads zstd layers, and a multi-platform index with a platform to choose', async () => {
    const zstd = await openRegistrySession(`${registry.host}/team/small:zstd`, deps);
    expect(zstd.view.layers.map((l) => l.declaredCompression)).toEqual(['zstd', 'zstd']);
    const zstdReport = await zstd.verify({});
    expect(zstdReport.layers.map((l) => l.status)).toEqual(['verified', 'verified']);

    const arm = await buildImage(smallSpec({ platform: { os: 'linux', architecture: 'arm64' } }));
    const amd = await buildImage(smallSpec());
    const layout = join(temp.path, 'multi');
    await writeMultiPlatformLayout(layout, [...amd.images, ...arm.images], '1');
    skopeo('copy', '--all', '--dest-tls-verify=false', `oci:${layout}:1`, `docker://${registry.host}/team/multi:1`);
    const raw = JSON.parse(skopeo('inspect', '--tls-verify=false', '--raw', `docker://${registry.host}/team/multi:1`));
    const session = await openRegistrySession(`${registry.host}/team/multi:1`, deps);
    expect(session.view.index).toBeDefined();
    expect(session.view.manifests.map((m) => m.platform?.architecture)).toEqual(['amd64', 'arm64']);
    expect(session.view.manifests.map((m) => m.descriptor.digest)).toEqual(raw.manifests.map((m: { digest: string }) => m.digest));
    const chosen = await session.select(raw.manifests[1].digest);
    expect(chosen.config?.parsed.architecture).toBe('arm64');
    expect((await session.verify({})).layers.map((l) => l.status)).toEqual(['verified', 'verified']);
  });

  it('a layer changed in the registry\'s storage does not verify, and is not an image to edit', async () => {
    const session = await openRegistrySession(`${registry.host}/team/small:1`, deps);
    const digest = session.view.layers[1].descriptor.digest;
    const data = registry.blobPath(digest);
    const bytes = readFileSync(data);
    bytes[bytes.length - 20] ^= 0xff;
    writeFileSync(data, bytes);
    const report = await session.verify({});
    expect(report.blobs.get(digest)?.status).toBe('mismatch');
    expect(session.view.editable).toMatchObject({ reasons: [expect.stringContaining('did not verify')] });
  });

  it('an unknown tag and an unreachable registry say so', async () => {
    await expect(openRegistrySession(`${registry.host}/team/small:nope`, deps)).rejects.toThrow(/no manifest under this tag or digest.*MANIFEST_UNKNOWN/);
    await expect(openRegistrySession('127.0.0.1:1/team/small:1', deps)).rejects.toThrow(/no response from http:\/\/127\.0\.0\.1:1.*Is a registry running/);
  });
});
