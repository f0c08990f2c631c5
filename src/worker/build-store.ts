// Built layers kept across reloads: a folder in the Origin Private File System holding each layer
// blob under the SHA-256 of its recipe (core/build/recipe.ts), with its descriptor beside it. A
// composition whose layers are stored shows its digests at once after a reload instead of
// building them again. The descriptor is written last, so a blob whose write was cut short is
// never found (and is reclaimed). Blobs no current recipe names are reclaimed by `retain`. The
// engine builds one recipe at a time (see engine.worker.ts), so one blob file has one writer.

import type { Layer } from '../core/image/model.ts';
import type { BlobSinkFactory } from '../core/store/sink.ts';
import { fileSink } from './opfs-sink.ts';

const ROOT = 'layerpad-store';

export interface BuildStore {
  /** The layer stored under `key`, or null. */
  get(key: string): Promise<Layer | null>;
  /** A sink writing a layer blob to be stored under `key` once `commit` names its descriptor. */
  sink(key: string): BlobSinkFactory;
  commit(key: string, layer: Omit<Layer, 'blob'>): Promise<void>;
  /** Deletes every stored layer whose key is not listed. */
  retain(keys: ReadonlySet<string>): Promise<void>;
  /** Bytes and layers stored. */
  usage(): Promise<{ bytes: number; layers: number }>;
}

/** The store, or null where OPFS with sync access handles is unavailable (builds then stay in memory). */
export async function openBuildStore(): Promise<BuildStore | null> {
  if (!navigator.storage?.getDirectory || typeof FileSystemFileHandle === 'undefined' || !('createSyncAccessHandle' in FileSystemFileHandle.prototype)) return null;
  try {
    const dir = await (await navigator.storage.getDirectory()).getDirectoryHandle(ROOT, { create: true });
    return storeIn(dir);
  } catch {
    return null;
  }
}

function storeIn(dir: FileSystemDirectoryHandle): BuildStore {
  const blobName = (key: string) => `${key}.blob`;
  const metaName = (key: string) => `${key}.json`;
  const file = async (name: string) => {
    try {
      return await (await dir.getFileHandle(name)).getFile();
    } catch {
      return null;
    }
  };
  return {
    async get(key) {
      const [meta, blob] = await Promise.all([file(metaName(key)), file(blobName(key))]);
      if (!meta || !blob) return null;
      const layer = JSON.parse(await meta.text()) as Omit<Layer, 'blob'>;
      return blob.size === layer.descriptor.size ? { ...layer, blob } : null;
    },
    // An aborted blob is left for the next build of the same recipe to overwrite: without its
    // descriptor it is never found, and removing it could race that next build.
    sink: (key) => ({ create: () => fileSink(dir, blobName(key), undefined, true) }),
    async commit(key, layer) {
      const handle = await (await dir.getFileHandle(metaName(key), { create: true })).createSyncAccessHandle();
      try {
        handle.truncate(0);
        handle.write(new TextEncoder().encode(JSON.stringify(layer)), { at: 0 });
        handle.flush();
      } finally {
        handle.close();
      }
    },
    async retain(keys) {
      for await (const name of dir.keys()) {
        const key = name.replace(/\.(blob|json)$/, '');
        if (!keys.has(key)) await dir.removeEntry(name).catch(() => {});
      }
    },
    async usage() {
      let bytes = 0;
      let layers = 0;
      for await (const [name, handle] of dir.entries()) {
        if (!name.endsWith('.blob') || handle.kind !== 'file') continue;
        bytes += (await (handle as FileSystemFileHandle).getFile()).size;
        layers++;
      }
      return { bytes, layers };
    },
  };
}

