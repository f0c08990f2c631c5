// The ELF architecture of each file Blob in the composition, asked of the engine once per Blob:
// files added through the composer arrive with theirs (read with their default mode), and two
// platforms checking the same files share one read of each.

import { sniffFileStartsInWorker } from '../../../worker/client.ts';

const known = new WeakMap<Blob, Promise<string | null>>();

/** Records architectures already read (when files were added). */
export function rememberArchitectures(files: readonly Blob[], architectures: readonly (string | null)[]): void {
  files.forEach((file, i) => known.set(file, Promise.resolve(architectures[i])));
}

/** The architecture of each file, null for files that are not ELF binaries. */
export function architecturesOf(files: readonly Blob[]): Promise<(string | null)[]> {
  const unknown = files.filter((file) => !known.has(file));
  if (unknown.length) {
    const read = sniffFileStartsInWorker(unknown).then((starts) => starts.map((start) => start.architecture));
    unknown.forEach((file, i) => known.set(file, read.then((found) => found[i])));
    // A failed read is asked again next time rather than remembered.
    read.catch(() => unknown.forEach((file) => known.delete(file)));
  }
  return Promise.all(files.map((file) => known.get(file)!));
}
