// The registries an e2e spec talks to, all on 127.0.0.1 and all on other ports than the app, so
// the browser really applies CORS: docker-registry with the README's CORS headers, one without
// any, docker-registry behind nginx with htpasswd Basic auth, and docker-registry with token auth
// (the test's own token service) behind nginx for its preflights. Started in beforeAll, stopped by
// pid in afterAll. Images go in with skopeo; a referrer goes in with plain HTTP requests.

import { test } from '@playwright/test';
import { execFile } from 'node:child_process';
import { createHash } from 'node:crypto';
import { promisify } from 'node:util';
import { MediaType } from '../../src/core/oci/media-types.ts';
import { startNginx, type RunningNginx } from '../../src/test-support/nginx.ts';
import { runTool } from '../../src/test-support/oracle.ts';
import { startRegistry, type RunningRegistry } from '../../src/test-support/registry.ts';
import { startTokenService, type TokenService } from '../../src/test-support/token-server.ts';

export const REGISTRY_TOOLS = ['docker-registry', 'skopeo'];
export const ALICE = { username: 'alice', password: 'wonderland-7' };
export const READER = { username: 'reader', password: 'only-reads-3' };

export interface Registries {
  /** With CORS headers for the app's origin, no auth. */
  open: RunningRegistry;
  /** No CORS headers at all. */
  closed?: RunningRegistry;
  /** `127.0.0.1:<port>` of nginx with Basic auth in front of a registry. */
  basic?: string;
  /** `127.0.0.1:<port>` of nginx in front of a registry with token auth. */
  bearer?: string;
  tokens?: TokenService;
}

/** Starts what `want` asks for (the CORS registry always) before the spec's tests; stops it all after. */
export function useRegistries(origin: string, want: { closed?: boolean; auth?: boolean } = {}): () => Registries {
  let registries: Registries | undefined;
  const started: { stop(): Promise<void> }[] = [];
  test.beforeAll(async () => {
    const keep = <T extends { stop(): Promise<void> }>(thing: T) => (started.push(thing), thing);
    const open = keep(await startRegistry({ corsOrigin: origin }));
    registries = { open };
    if (want.closed) registries.closed = keep(await startRegistry());
    if (want.auth) {
      const tokens = keep(await startTokenService({
        [ALICE.username]: { password: ALICE.password, actions: () => ['pull', 'push'] },
        [READER.username]: { password: READER.password, actions: () => ['pull'] },
      }, origin));
      const basicRegistry = keep(await startRegistry());
      const bearerRegistry = keep(await startRegistry({ token: tokens }));
      const nginx: RunningNginx = keep(await startNginx([
        { upstream: basicRegistry.host, corsOrigin: origin, basicAuth: { [ALICE.username]: ALICE.password } },
        { upstream: bearerRegistry.host, corsOrigin: origin },
      ]));
      Object.assign(registries, { basic: nginx.hosts[0], bearer: nginx.hosts[1], tokens });
    }
  });
  test.afterAll(async () => {
    for (const thing of started.reverse()) await thing.stop();
  });
  return () => {
    if (!registries) throw new Error('the registries are not started yet (beforeAll failed?)');
    return registries;
  };
}

export const skopeo = (...args: string[]) => runTool('skopeo', ['--insecure-policy', ...args]);
/** skopeo without blocking this process: needed whenever the token service (which runs here) must answer it. */
export const skopeoAsync = async (...args: string[]) => (await promisify(execFile)('skopeo', ['--insecure-policy', ...args])).stdout;
/** skopeo copy into a registry on 127.0.0.1 (plain http). */
export const copyTo = (source: string, destination: string, ...flags: string[]) => skopeo('copy', '--dest-tls-verify=false', ...flags, source, `docker://${destination}`);
export const inspectRemote = (ref: string, ...flags: string[]) => JSON.parse(skopeo('inspect', '--tls-verify=false', ...flags, `docker://${ref}`));

/**
 * Pushes an artifact that refers to `subject` (an SBOM-like JSON blob) and, as a registry without
 * the referrers API needs, the `sha256-<hex>` tag index listing it. Returns the artifact's digest.
 */
export async function pushReferrer(registryUrl: string, repository: string, subject: { digest: string; size: number; mediaType: string }, artifactType: string): Promise<string> {
  const sha = (bytes: Uint8Array) => `sha256:${createHash('sha256').update(bytes).digest('hex')}`;
  const upload = async (bytes: Uint8Array<ArrayBuffer>) => {
    const started = await fetch(`${registryUrl}/v2/${repository}/blobs/uploads/`, { method: 'POST' });
    const location = new URL(started.headers.get('location')!, registryUrl);
    location.searchParams.set('digest', sha(bytes));
    const put = await fetch(location, { method: 'PUT', body: bytes, headers: { 'Content-Type': 'application/octet-stream' } });
    if (put.status !== 201) throw new Error(`blob upload failed: ${put.status}`);
  };
  const putManifest = async (reference: string, mediaType: string, doc: unknown) => {
    const bytes = new TextEncoder().encode(JSON.stringify(doc));
    const put = await fetch(`${registryUrl}/v2/${repository}/manifests/${reference}`, { method: 'PUT', body: bytes, headers: { 'Content-Type': mediaType } });
    if (put.status !== 201) throw new Error(`manifest PUT failed: ${put.status} ${await put.text()}`);
    return { digest: sha(bytes), size: bytes.byteLength };
  };
  const empty = new TextEncoder().encode('{}');
  const sbom = new TextEncoder().encode(JSON.stringify({ spdxVersion: 'SPDX-2.3', name: 'layerpad-test' }));
  await upload(empty);
  await upload(sbom);
  const manifest = {
    schemaVersion: 2,
    mediaType: MediaType.ociManifest,
    artifactType,
    config: { mediaType: MediaType.ociEmpty, digest: sha(empty), size: 2 },
    layers: [{ mediaType: artifactType, digest: sha(sbom), size: sbom.byteLength }],
    subject,
  };
  const bytes = new TextEncoder().encode(JSON.stringify(manifest));
  const artifact = await putManifest(sha(bytes), MediaType.ociManifest, manifest);
  await putManifest(`sha256-${subject.digest.slice('sha256:'.length)}`, MediaType.ociIndex, {
    schemaVersion: 2,
    mediaType: MediaType.ociIndex,
    manifests: [{ mediaType: MediaType.ociManifest, digest: artifact.digest, size: artifact.size, artifactType }],
  });
  return artifact.digest;
}
