// The tools a person would use instead of Layerpad, timed on the same inputs in the same run:
// `tar c | gzip -6 | sha256sum` (and pigz, zstd), `umoci repack` of the same folder into a fresh
// OCI layout, `sha256sum` of an archive and `skopeo copy docker-archive: dir:` of it. Node only.
import { execFileSync } from 'node:child_process';
import { cpSync, mkdirSync, readdirSync, rmSync, statSync } from 'node:fs';
import { join } from 'node:path';

export interface Timed {
  seconds: number;
  /** Output bytes (compressed layer), where the tool makes one. */
  bytes?: number;
}

export function hasTool(name: string): boolean {
  try {
    execFileSync('bash', ['-c', `command -v ${name}`], { stdio: 'ignore' });
    return true;
  } catch {
    return false;
  }
}

function timed<T>(work: () => T): [T, number] {
  const start = performance.now();
  const result = work();
  return [result, (performance.now() - start) / 1000];
}

/** Bytes of `tar c` of the folder (counted in a separate, untimed run). */
export const tarBytesOf = (dir: string) => Number(execFileSync('bash', ['-c', `tar -C "${dir}" -c . | wc -c`]).toString().trim());

/** `tar c | <compressor> | sha256sum`, the compressed size counted on the way. */
export function pipeline(dir: string, compressor: string): Timed {
  const [out, seconds] = timed(() =>
    execFileSync('bash', ['-c', `set -o pipefail; tar -C "${dir}" -c . | ${compressor} | tee >(sha256sum >/dev/null) | wc -c`]).toString(),
  );
  return { seconds, bytes: Number(out.trim()) };
}

/**
 * `umoci repack` of the folder as the one layer of a new image (what umoci does for a person who
 * has a rootfs and wants an image): the bundle is prepared untimed, the repack is timed.
 */
export function umociRepack(dir: string, scratch: string): Timed {
  const layout = join(scratch, 'umoci-layout');
  const bundle = join(scratch, 'umoci-bundle');
  rmSync(layout, { recursive: true, force: true });
  rmSync(bundle, { recursive: true, force: true });
  execFileSync('umoci', ['init', '--layout', layout]);
  execFileSync('umoci', ['new', '--image', `${layout}:bench`]);
  execFileSync('umoci', ['unpack', '--rootless', '--image', `${layout}:bench`, bundle], { stdio: 'ignore' });
  cpSync(dir, join(bundle, 'rootfs'), { recursive: true });
  const blobs = join(layout, 'blobs', 'sha256');
  const before = new Set(readdirSync(blobs));
  const [, seconds] = timed(() => execFileSync('umoci', ['repack', '--image', `${layout}:bench`, bundle], { stdio: 'ignore' }));
  const made = readdirSync(blobs).filter((name) => !before.has(name)).map((name) => statSync(join(blobs, name)).size);
  rmSync(bundle, { recursive: true, force: true });
  rmSync(layout, { recursive: true, force: true });
  return { seconds, bytes: Math.max(...made) };
}

export const sha256sum = (file: string): Timed => ({ seconds: timed(() => execFileSync('sha256sum', [file]))[1] });

/** `skopeo copy docker-archive:<file> dir:<fresh dir>`: reads, checks and writes every blob. */
export function skopeoCopy(file: string, scratch: string): Timed {
  const out = join(scratch, 'skopeo-dir');
  rmSync(out, { recursive: true, force: true });
  mkdirSync(out);
  const [, seconds] = timed(() => execFileSync('skopeo', ['copy', '--quiet', `docker-archive:${file}`, `dir:${out}`]));
  rmSync(out, { recursive: true, force: true });
  return { seconds };
}
