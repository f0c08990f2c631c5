// The benchmarks' mixed content (mixed-content.ts) written out as real files, for the native
// pipelines and tools that read a directory. Node only.
import { mkdirSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { mixedEntries } from './mixed-content.ts';

export async function writeMixedTree(dir: string, totalBytes: number, seed: number): Promise<void> {
  for (const entry of mixedEntries(totalBytes, seed)) {
    const file = join(dir, entry.path);
    mkdirSync(dirname(file), { recursive: true });
    writeFileSync(file, new Uint8Array(await entry.content!.arrayBuffer()));
  }
}
