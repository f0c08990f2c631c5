// Debian's docker-registry (distribution 2.8) for oracle tests: its own config and storage in a
// temp dir, on a free port of 127.0.0.1, stopped by its pid. With `corsOrigin` it sends the CORS
// headers the README gives (http.headers); without, it sends none, as most registries do. With
// `token`, it wants Bearer tokens from that realm, signed by the key of that certificate. Its
// access log (one line per request) lets a test count what a client really sent.

import { spawn } from 'node:child_process';
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { registryCorsHeaders } from '../core/registry/cors.ts';
import { makeTempDir } from './oracle.ts';
import { freePort, stopProcess, waitUntilAnswering } from './processes.ts';

export interface RegistryOptions {
  /** The page origin allowed by CORS; no CORS headers at all when absent. */
  corsOrigin?: string;
  token?: { realm: string; service: string; issuer: string; certificate: string };
}

export interface AccessLine {
  method: string;
  path: string;
  status: number;
}

export interface RunningRegistry {
  /** `127.0.0.1:<port>`, as a reference starts. */
  host: string;
  port: number;
  url: string;
  /** Where the registry keeps the bytes of `digest` (tests corrupt it there). */
  blobPath(digest: string): string;
  /** Every request the registry answered so far, in order. */
  requests(): AccessLine[];
  stop(): Promise<void>;
}

export async function startRegistry(opts: RegistryOptions = {}): Promise<RunningRegistry> {
  const dir = makeTempDir('registry');
  const port = await freePort();
  const config = [
    'version: 0.1',
    'log:',
    '  level: error',
    '  accesslog:',
    '    disabled: false',
    'storage:',
    '  filesystem:',
    `    rootdirectory: ${join(dir.path, 'data')}`,
    '  delete:',
    '    enabled: true',
    'http:',
    `  addr: 127.0.0.1:${port}`,
    '  secret: layerpad-test-secret',
    ...(opts.corsOrigin ? [registryCorsHeaders(opts.corsOrigin)] : []),
    ...(opts.token
      ? [
          'auth:',
          '  token:',
          `    realm: ${opts.token.realm}`,
          `    service: ${opts.token.service}`,
          `    issuer: ${opts.token.issuer}`,
          `    rootcertbundle: ${opts.token.certificate}`,
        ]
      : []),
    '',
  ].join('\n');
  const configPath = join(dir.path, 'config.yml');
  writeFileSync(configPath, config);
  const child = spawn('docker-registry', ['serve', configPath], { stdio: ['ignore', 'pipe', 'pipe'] });
  let log = '';
  const lines: AccessLine[] = [];
  const take = (chunk: Buffer) => {
    const text = chunk.toString();
    log = (log + text).slice(-8000);
    for (const line of text.split('\n')) {
      const hit = /"([A-Z]+) (\S+) HTTP\/[\d.]+" (\d{3})/.exec(line);
      if (hit) lines.push({ method: hit[1], path: hit[2], status: Number(hit[3]) });
    }
  };
  child.stdout.on('data', take);
  child.stderr.on('data', take);
  await waitUntilAnswering(`http://127.0.0.1:${port}/v2/`, child, () => log);
  return {
    host: `127.0.0.1:${port}`,
    port,
    url: `http://127.0.0.1:${port}`,
    blobPath: (digest) => {
      const hex = digest.slice('sha256:'.length);
      return join(dir.path, 'data', 'docker', 'registry', 'v2', 'blobs', 'sha256', hex.slice(0, 2), hex, 'data');
    },
    requests: () => [...lines],
    async stop() {
      await stopProcess(child);
      dir.remove();
    },
  };
}
