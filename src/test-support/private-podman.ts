// Podman for oracle tests, kept to a temp dir: its own storage root, run root and state dir, vfs
// storage, cgroupfs, file events. Podman has no daemon, so nothing is left running; `remove()`
// deletes the storage. Containers run with --network none and with ulimits below the host's,
// because this sandbox refuses podman's defaults (nofile 1048576, nproc 32768).

import { join } from 'node:path';
import { makeTempDir, runTool } from './oracle.ts';

export interface PrivatePodman {
  /** Runs podman against this private storage; returns stdout, throws with stderr on failure. */
  podman(args: string[]): string;
  /** `podman run --rm` without a network; `args` go after the run options. */
  run(args: string[]): string;
  remove(): void;
}

export function privatePodman(): PrivatePodman {
  const dir = makeTempDir('podman');
  const global = [
    '--root', join(dir.path, 'root'),
    '--runroot', join(dir.path, 'run'),
    '--tmpdir', join(dir.path, 'tmp'),
    '--storage-driver', 'vfs',
    '--cgroup-manager', 'cgroupfs',
    '--events-backend', 'file',
  ];
  const podman = (args: string[]) => runTool('podman', [...global, ...args]);
  return {
    podman,
    run: (args) => podman(['run', '--rm', '--network', 'none', '--ulimit', 'nofile=1024:1024', '--ulimit', 'nproc=1024:1024', ...args]),
    remove: dir.remove,
  };
}

/** Loads an image tar into a fresh private podman, runs `name` once, removes the storage; returns what it printed. */
export function podmanLoadAndRun(tarPath: string, name: string): string {
  const podman = privatePodman();
  try {
    podman.podman(['load', '--quiet', '--input', tarPath]);
    return podman.run([name]);
  } finally {
    podman.remove();
  }
}
