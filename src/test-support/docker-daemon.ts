// A private Docker daemon for oracle tests: its own socket, data and exec roots under a temp dir,
// vfs storage, no bridge and no iptables (containers run with --network none). Stopped by its
// pid, never by name, so a developer's own Docker is never touched.

import { spawn, spawnSync } from 'node:child_process';
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { makeTempDir, runTool } from './oracle.ts';

export interface PrivateDocker {
  /** Runs the docker CLI against this daemon; returns stdout, throws with stderr on failure. */
  docker(args: string[]): string;
  stop(): Promise<void>;
}

const READY_TIMEOUT_MS = 60_000;

export async function startPrivateDocker(): Promise<PrivateDocker> {
  const dir = makeTempDir('dockerd');
  const socket = `unix://${join(dir.path, 'docker.sock')}`;
  const pidfile = join(dir.path, 'dockerd.pid');
  const daemon = spawn(
    'dockerd',
    [
      '--host', socket,
      '--data-root', join(dir.path, 'root'),
      '--exec-root', join(dir.path, 'exec'),
      '--pidfile', pidfile,
      '--iptables=false', '--ip6tables=false', '--bridge=none',
      '--storage-driver=vfs',
    ],
    { stdio: ['ignore', 'ignore', 'pipe'] },
  );
  let log = '';
  daemon.stderr.on('data', (chunk: Buffer) => (log = (log + chunk.toString()).slice(-4000)));
  const exited = new Promise<void>((resolve) => daemon.once('exit', () => resolve()));
  const docker = (args: string[]) => runTool('docker', ['--host', socket, ...args]);

  const deadline = Date.now() + READY_TIMEOUT_MS;
  while (spawnSync('docker', ['--host', socket, 'version'], { stdio: 'ignore' }).status !== 0) {
    if (daemon.exitCode !== null || Date.now() > deadline) {
      daemon.kill('SIGKILL');
      dir.remove();
      throw new Error(`private dockerd did not become ready: ${log}`);
    }
    await new Promise((resolve) => setTimeout(resolve, 250));
  }

  return {
    docker,
    async stop() {
      const pid = existsSync(pidfile) ? Number(readFileSync(pidfile, 'utf8')) : daemon.pid;
      if (pid) process.kill(pid, 'SIGTERM');
      const timeout = new Promise<'timeout'>((resolve) => setTimeout(() => resolve('timeout'), 20_000));
      if ((await Promise.race([exited, timeout])) === 'timeout') daemon.kill('SIGKILL');
      dir.remove();
    },
  };
}
