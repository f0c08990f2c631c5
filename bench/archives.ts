// The archives the inspector rows open: a real `docker save` of the mixed content (a private
// Docker daemon imports the files as one layer and saves the image), and an image whose one layer
// holds 100 000 small files in 1000 folders, built by the engine in Node.
import { execFileSync } from 'node:child_process';
import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { buildImage } from '../src/core/build/image.ts';
import { writeImageTar } from '../src/core/formats/image-tar/write.ts';
import type { FsEntry } from '../src/core/fs/entry.ts';
import { startPrivateDocker } from '../src/test-support/docker-daemon.ts';
import { writeMixedTree } from './mixed-tree.ts';

export async function makeDockerSave(dir: string, totalBytes: number, seed: number): Promise<string> {
  const rootfs = join(dir, 'rootfs');
  mkdirSync(rootfs);
  await writeMixedTree(rootfs, totalBytes, seed);
  execFileSync('tar', ['-C', rootfs, '-cf', join(dir, 'rootfs.tar'), '.']);
  execFileSync('rm', ['-rf', rootfs]);
  const daemon = await startPrivateDocker();
  try {
    daemon.docker(['import', join(dir, 'rootfs.tar'), 'layerpad-bench/big:1']);
    const saved = join(dir, 'docker-save.tar');
    daemon.docker(['save', '--output', saved, 'layerpad-bench/big:1']);
    return saved;
  } finally {
    await daemon.stop();
    execFileSync('rm', ['-f', join(dir, 'rootfs.tar')]);
  }
}

/** 100 000 files of a few bytes in data/aNN/bNN/cNN, plus their 1111 folders: an image tar. */
export async function makeManyEntries(dir: string): Promise<{ path: string; entries: number }> {
  const two = (n: number) => String(n).padStart(2, '0');
  const folder = (path: string): FsEntry => ({ path, type: 'dir', mode: 0o755, uid: 0, gid: 0, size: 0 });
  const entries: FsEntry[] = [folder('data')];
  for (let a = 0; a < 10; a++) {
    entries.push(folder(`data/a${two(a)}`));
    for (let b = 0; b < 10; b++) {
      entries.push(folder(`data/a${two(a)}/b${two(b)}`));
      for (let c = 0; c < 10; c++) {
        const at = `data/a${two(a)}/b${two(b)}/c${two(c)}`;
        entries.push(folder(at));
        for (let f = 0; f < 100; f++) {
          const content = new Blob([`file ${at}/f${f}\n`]);
          entries.push({ path: `${at}/f${String(f).padStart(3, '0')}.txt`, type: 'file', mode: 0o644, uid: 0, gid: 0, size: content.size, content });
        }
      }
    }
  }
  const image = await buildImage({ platform: { os: 'linux', architecture: 'amd64' }, config: {}, layers: [{ kind: 'entries', entries, createdBy: 'COPY data/ /data/' }] });
  const path = join(dir, 'many-entries.tar');
  writeFileSync(path, new Uint8Array(await (await writeImageTar(image)).arrayBuffer()));
  return { path, entries: entries.length };
}
