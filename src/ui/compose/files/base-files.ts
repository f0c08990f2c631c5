// Base files in the composer: their bytes stay in the base layer (the worker reads them on
// demand), so changing one first reads it, then copies it up into the active layer with the
// change. Text files small enough for the inline editor are read to show their contents.

import { useEffect, useState } from 'react';
import type { FsEntry } from '../../../core/fs/entry.ts';
import type { MergedNode } from '../../../core/fs/merge.ts';
import { readBaseFileInWorker } from '../../../worker/client.ts';
import { baseCount } from '../model/composition.ts';
import { findOwner } from '../model/edits.ts';
import type { PlatformView } from '../model/platforms.ts';
import { visibleAt } from '../model/stack.ts';
import { useComposer } from '../store/index.ts';
import { selectView } from '../store/selectors.ts';
import { MAX_EDITABLE_TEXT } from '../../../core/fs/text-content.ts';

/** The base file a change to `path` must copy up first, or undefined when none must be read. */
function baseFileAt(c: PlatformView, path: string): { layer: number; entry: FsEntry } | undefined {
  if (findOwner(c.layers, path) !== null) return undefined;
  const node = visibleAt(c, path);
  if (!node || node.implicit || node.layer >= baseCount(c) || node.entry.type !== 'file') return undefined;
  return { layer: node.layer, entry: node.entry };
}

function readBaseFile(c: PlatformView, layer: number, path: string): Promise<Blob> {
  const loaded = c.base?.loaded;
  if (!loaded) return Promise.reject(new Error('the base image is not read yet'));
  const occurrence = loaded.entries[layer].filter((e) => e.path === path).length;
  return readBaseFileInWorker(loaded.image.layers[layer], path, occurrence);
}

/** Applies `patch` to the entry at `path`, reading a base file's bytes first when it must be copied up. */
export async function changeEntry(path: string, patch: Partial<FsEntry>): Promise<void> {
  const store = useComposer.getState();
  const c = selectView(store);
  const base = patch.content ? undefined : baseFileAt(c, path);
  if (!base) {
    store.updateEntry(path, patch);
    return;
  }
  try {
    const content = await readBaseFile(c, base.layer, path);
    useComposer.getState().updateEntry(path, { ...patch, content, size: content.size });
  } catch (error) {
    useComposer.getState().notify('error', `Could not read /${path} from the base image: ${(error as Error).message}`);
  }
}

/** The bytes of the file at `path`: its own Blob, or for a small base file, read from the base. */
export function useEntryContent(path: string, node: MergedNode | undefined): Blob | undefined {
  const own = node?.entry.content;
  const [read, setRead] = useState<{ path: string; blob: Blob } | undefined>();
  useEffect(() => {
    const c = selectView(useComposer.getState());
    const base = own ? undefined : baseFileAt(c, path);
    if (!base || base.entry.size > MAX_EDITABLE_TEXT) return;
    let live = true;
    readBaseFile(c, base.layer, path).then((blob) => live && setRead({ path, blob }), () => {});
    return () => {
      live = false;
    };
  }, [path, own]);
  return own ?? (read?.path === path ? read.blob : undefined);
}
