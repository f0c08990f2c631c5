// A module worker that only reports which worker-side APIs this browser has. Some exist only in
// dedicated workers (FileSystemFileHandle.createSyncAccessHandle), so the page cannot check them
// itself; that this worker answers at all shows module workers run.

import type { WorkerCapabilities } from './capability-probe.ts';

const scope = self as unknown as DedicatedWorkerGlobalScope;

/** The same test as opfs-sink.ts makes before it stores built blobs on disk. */
async function syncAccessHandles(): Promise<boolean> {
  if (!navigator.storage?.getDirectory || !navigator.locks || typeof FileSystemFileHandle === 'undefined') return false;
  if (!('createSyncAccessHandle' in FileSystemFileHandle.prototype)) return false;
  // Present but refused (e.g. a private window): getDirectory rejects.
  return navigator.storage.getDirectory().then(() => true, () => false);
}

void syncAccessHandles().then((opfs) => {
  const answer: WorkerCapabilities = { syncAccessHandles: opfs };
  scope.postMessage(answer);
});
