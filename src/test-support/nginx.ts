// Debian's nginx in front of registries, for oracle tests: the README's config (CORS answered
// here, preflights without credentials, optional htpasswd Basic auth, uploads streamed), one
// server block per registry, its files and pid in a temp dir, stopped by its pid.

import { spawn } from 'node:child_process';
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { makeTempDir, runTool } from './oracle.ts';
import { nginxCorsLocation } from '../core/registry/cors.ts';
import { freePort, stopProcess, waitUntilAnswering } from './processes.ts';

export interface NginxServer {
  /** The registry behind this server, e.g. `127.0.0.1:5000`. */
  upstream: string;
  corsOrigin: string;
  /** Users and passwords for htpasswd Basic auth; no auth when absent. */
  basicAuth?: Record<string, string>;
}

export interface RunningNginx {
  /** `127.0.0.1:<port>` of each server, in the order given. */
  hosts: string[];
  stop(): Promise<void>;
}

export async function startNginx(servers: NginxServer[]): Promise<RunningNginx> {
  const dir = makeTempDir('nginx');
  const ports = await Promise.all(servers.map(() => freePort()));
  const blocks = servers.map((server, i) => {
    let htpasswd: string | undefined;
    if (server.basicAuth) {
      htpasswd = join(dir.path, `htpasswd-${i}`);
      const lines = Object.entries(server.basicAuth).map(([user, password]) => `${user}:${runTool('openssl', ['passwd', '-apr1', password]).trim()}`);
      writeFileSync(htpasswd, `${lines.join('\n')}\n`);
    }
    return [`server {`, `    listen 127.0.0.1:${ports[i]};`, nginxCorsLocation(server.corsOrigin, server.upstream, htpasswd).replace(/^/gm, '    '), '}'].join('\n');
  });
  const temp = (name: string) => `${name}_temp_path ${join(dir.path, name)};`;
  const config = [
    'daemon off;',
    'worker_processes 1;',
    // As root, nginx would hand its workers to "nobody", who cannot read the temp dir.
    ...(process.getuid?.() === 0 ? ['user root;'] : []),
    `pid ${join(dir.path, 'nginx.pid')};`,
    `error_log ${join(dir.path, 'error.log')} warn;`,
    'events { worker_connections 128; }',
    'http {',
    `    access_log ${join(dir.path, 'access.log')};`,
    ...['client_body', 'proxy', 'fastcgi', 'uwsgi', 'scgi'].map((n) => `    ${temp(n)}`),
    ...blocks.map((b) => b.replace(/^/gm, '    ')),
    '}',
    '',
  ].join('\n');
  const configPath = join(dir.path, 'nginx.conf');
  writeFileSync(configPath, config);
  const child = spawn('nginx', ['-c', configPath, '-p', dir.path, '-e', join(dir.path, 'error.log')], { stdio: ['ignore', 'pipe', 'pipe'] });
  let log = '';
  child.stderr.on('data', (chunk: Buffer) => (log = (log + chunk.toString()).slice(-4000)));
  for (const port of ports) await waitUntilAnswering(`http://127.0.0.1:${port}/v2/`, child, () => log);
  return {
    hosts: ports.map((port) => `127.0.0.1:${port}`),
    async stop() {
      await stopProcess(child);
      dir.remove();
    },
  };
}
