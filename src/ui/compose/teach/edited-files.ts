// Which files an edit changed, from two states of the composition as one platform sees them:
// entries added, replaced or removed, and deletions made or taken back, by layer. Entries are
// replaced, never mutated, by every edit, so identity tells a changed entry from a kept one.

import type { EditedFiles } from '../../../core/image/digest-chain.ts';
import { baseCount, type Composition } from '../model/composition.ts';
import { platformView } from '../model/platforms.ts';

/** The files that differ between `before` and `after` in platform `platformId`'s layers. */
export function editedFiles(before: Composition, after: Composition, platformId: string): EditedFiles[] {
  const a = platformView(before, platformId);
  const b = platformView(after, platformId);
  const below = baseCount(b);
  const edited: EditedFiles[] = [];
  b.layers.forEach((layer, i) => {
    const old = a.layers.find((l) => l.id === layer.id);
    if (old === layer) return;
    const paths = new Set<string>();
    for (const path of new Set([...Object.keys(old?.entries ?? {}), ...Object.keys(layer.entries)])) {
      if (old?.entries[path] !== layer.entries[path]) paths.add(path);
    }
    const was = new Set(old?.deleted ?? []);
    const now = new Set(layer.deleted);
    for (const path of was) if (!now.has(path)) paths.add(path);
    for (const path of now) if (!was.has(path)) paths.add(path);
    if (paths.size > 0) edited.push({ layer: below + i, paths: [...paths].sort() });
  });
  return edited;
}
