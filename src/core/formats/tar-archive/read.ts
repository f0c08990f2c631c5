// An uncompressed tar (docker save, oci-archive, skopeo docker-archive) as ArchiveFiles: one pass
// over the headers with readTar on the Blob (bodies are never read, each file is a lazy slice).
// A broken header ends the index there with an error; every entry before it stays usable.

import { readTar } from '../../tar/read.ts';
import { followLinks, type ArchiveFiles, type ArchiveNode } from '../archive.ts';
import { error, warning, type Problem } from '../../problem.ts';

export async function openTarArchive(file: Blob, signal?: AbortSignal): Promise<ArchiveFiles> {
  const problems: Problem[] = [];
  const nodes = new Map<string, ArchiveNode>();
  try {
    const records = readTar(file, { onWarning: (message, offset) => warning(problems, `archive at offset ${offset}`, message) });
    for await (const { entry, warnings, headerOffset } of records) {
      signal?.throwIfAborted();
      for (const w of warnings) warning(problems, `archive entry ${entry.path} (offset ${headerOffset})`, w);
      if (entry.type === 'file') nodes.set(entry.path, { blob: entry.content ?? new Blob([]) });
      else if (entry.type === 'symlink' || entry.type === 'hardlink') nodes.set(entry.path, { link: { type: entry.type, target: entry.linkname ?? '' } });
    }
  } catch (e) {
    if (signal?.aborted) throw e;
    error(problems, 'archive', `${(e as Error).message}; entries after this point are not read`);
  }
  return {
    kind: 'tar',
    problems,
    names: () => [...nodes.keys()],
    size: (name) => {
      const node = nodes.get(name);
      return node && 'blob' in node ? node.blob.size : undefined;
    },
    open: (name) => followLinks(name, (path) => nodes.get(path)),
  };
}
