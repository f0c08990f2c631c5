// A dropped or picked directory as ArchiveFiles. Browsers hand over `{ path, file }` pairs whose
// paths usually start with the folder's own name (`myimage/index.json`); that common top
// directory is dropped when the layout files are not at the top already. Browsers resolve
// symlinks themselves, so a folder has none.

import type { ArchiveFiles } from '../archive.ts';
import { safeArchiveName } from '../archive.ts';
import { error, warning, type Problem } from '../../problem.ts';

export interface FolderFile {
  path: string;
  file: Blob;
}

const LAYOUT_MARKERS = ['index.json', 'oci-layout', 'manifest.json'];

export function openFolder(files: readonly FolderFile[]): ArchiveFiles {
  const problems: Problem[] = [];
  const byName = new Map<string, Blob>();
  for (const { path, file } of files) {
    const safe = safeArchiveName(path.replace(/^\.\//, ''));
    if (safe === null) {
      error(problems, `folder file ${JSON.stringify(path.slice(0, 200))}`, 'path is absolute or contains ".."; skipped');
      continue;
    }
    if (byName.has(safe)) warning(problems, `folder file ${safe}`, 'given twice; the last one is used');
    byName.set(safe, file);
  }
  const stripped = stripCommonTop(byName);
  return {
    kind: 'folder',
    problems,
    names: () => [...stripped.keys()],
    size: (name) => stripped.get(name)?.size,
    open: async (name) => {
      const blob = stripped.get(name);
      return blob ? { blob, path: name, viaLinks: [] } : undefined;
    },
  };
}

function stripCommonTop(byName: Map<string, Blob>): Map<string, Blob> {
  const names = [...byName.keys()];
  if (names.length === 0 || names.some((n) => LAYOUT_MARKERS.includes(n))) return byName;
  const top = names[0].split('/')[0];
  if (!names.every((n) => n.startsWith(`${top}/`))) return byName;
  return new Map([...byName].map(([n, b]) => [n.slice(top.length + 1), b]));
}
