// Runs an image that `umoci unpack` produced: chroot into its rootfs and execute the runtime
// config's process args with its env, the way a container runtime would (as root).

import { execFileSync } from 'node:child_process';
import { mkdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { runTool } from './oracle.ts';

export interface RuntimeProcess {
  args: string[];
  env: string[];
  cwd: string;
}

/** The `process` section of the OCI runtime config umoci wrote into `bundle/config.json`. */
export function bundleProcess(bundle: string): RuntimeProcess {
  return JSON.parse(readFileSync(join(bundle, 'config.json'), 'utf8')).process;
}

/** Runs the bundle's process under chroot and returns its stdout. */
export function runBundle(bundle: string): string {
  const { args, env } = bundleProcess(bundle);
  const environment = Object.fromEntries(env.map((kv) => [kv.slice(0, kv.indexOf('=')), kv.slice(kv.indexOf('=') + 1)]));
  // Busybox's shell finds applets such as `cat` through /proc/self/exe, as under any container
  // runtime (which mounts /proc), so /proc is mounted for the chroot too.
  const rootfs = join(bundle, 'rootfs');
  mkdirSync(join(rootfs, 'proc'), { recursive: true });
  runTool('mount', ['-t', 'proc', 'proc', join(rootfs, 'proc')]);
  try {
    // Resolved here because the child's PATH is the image's, not ours.
    const chroot = runTool('sh', ['-c', 'command -v chroot']).trim();
    return execFileSync(chroot, [rootfs, ...args], { env: environment, encoding: 'utf8' });
  } finally {
    runTool('umount', [join(rootfs, 'proc')]);
  }
}
