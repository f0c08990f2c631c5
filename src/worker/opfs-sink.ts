// Disk-backed blob storage for built layers: each blob is a file in the Origin Private File
// System, written through a sync access handle (worker only), so a 2 GB layer does not sit in
// memory. Every engine worker owns one session folder, marked live by a Web Lock; folders whose
// lock nobody holds (closed tabs, crashed workers) are removed when a new session starts.

import type { BlobSink, BlobSinkFactory } from '../core/store/sink.ts';

const ROOT = 'layerpad-build';
const LOCK_PREFIX = 'layerpad-build-session-';

export interface OpfsSinkFactory extends BlobSinkFactory {
  /** Deletes every blob of this session except those named (File.name of blobs still in use). */
  retain(names: ReadonlySet<string>): Promise<void>;
}

/** An OPFS-backed sink factory, or null where OPFS with sync access handles is unavailable. */
export async function createOpfsSinkFactory(): Promise<OpfsSinkFactory | null> {
  if (!navigator.storage?.getDirectory || !navigator.locks || typeof FileSystemFileHandle === 'undefined' || !('createSyncAccessHandle' in FileSystemFileHandle.prototype)) {
    return null;
  }
  try {
    const root = await (await navigator.storage.getDirectory()).getDirectoryHandle(ROOT, { create: true });
    const session = crypto.randomUUID();
    await new Promise<void>((locked) => {
      void navigator.locks.request(LOCK_PREFIX + session, () => {
        locked();
        return new Promise<never>(() => {});
      });
    });
    await removeAbandonedSessions(root, session);
    const dir = await root.getDirectoryHandle(session, { create: true });
    return sessionFactory(dir);
  } catch {
    return null;
  }
}

async function removeAbandonedSessions(root: FileSystemDirectoryHandle, own: string): Promise<void> {
  const held = new Set(((await navigator.locks.query()).held ?? []).map((lock) => lock.name));
  for await (const name of root.keys()) {
    if (name !== own && !held.has(LOCK_PREFIX + name)) await root.removeEntry(name, { recursive: true }).catch(() => {});
  }
}

function sessionFactory(dir: FileSystemDirectoryHandle): OpfsSinkFactory {
  let counter = 0;
  const writing = new Set<string>();
  return {
    create(expectedBytes) {
      const name = `${Date.now().toString(36)}-${++counter}.blob`;
      writing.add(name);
      return fileSink(dir, name, () => writing.delete(name), false, expectedBytes);
    },
    async retain(names) {
      for await (const name of dir.keys()) {
        if (!names.has(name) && !writing.has(name)) await dir.removeEntry(name).catch(() => {});
      }
    },
  };
}

/**
 * A sink writing the file `name` in `dir` through a sync access handle; `done` runs once it is
 * closed or aborted. An aborted file is removed unless `keepOnAbort` (its owner overwrites it later).
 */
export function fileSink(dir: FileSystemDirectoryHandle, name: string, done: () => void = () => {}, keepOnAbort = false, expectedBytes = 0): BlobSink {
  let file: FileSystemFileHandle | null = null;
  let access: FileSystemSyncAccessHandle | null = null;
  let offset = 0;
  const open = async () => {
    file = await dir.getFileHandle(name, { create: true });
    access = await file.createSyncAccessHandle();
    access.truncate(0);
    // Growing the file write by write asks the browser for quota each time; once is enough. A
    // reservation refused (quota) is not an error: the file then grows as it is written.
    if (expectedBytes > 0) {
      try {
        access.truncate(expectedBytes);
      } catch {
        access.truncate(0);
      }
    }
    return access;
  };
  return {
    async write(chunk) {
      const handle = access ?? (await open());
      offset += handle.write(chunk, { at: offset });
    },
    async close() {
      const handle = access ?? (await open());
      if (handle.getSize() !== offset) handle.truncate(offset);
      handle.flush();
      handle.close();
      done();
      return file!.getFile();
    },
    abort() {
      // A kept file must not keep its reservation's zeros past what was written.
      if (keepOnAbort && access && access.getSize() !== offset) access.truncate(offset);
      access?.close();
      done();
      if (!keepOnAbort) void dir.removeEntry(name).catch(() => {});
    },
  };
}
