// Asks a throwaway module worker (capability-probe.worker.ts) what workers can do here. Resolves
// null when module workers cannot start: the constructor throws (browsers without module
// workers reject `type: 'module'`) or the worker fails to load.

export interface WorkerCapabilities {
  /** OPFS with sync access handles: built blobs go to disk instead of memory. */
  syncAccessHandles: boolean;
}

export function probeWorkers(): Promise<WorkerCapabilities | null> {
  return new Promise((resolve) => {
    let worker: Worker;
    try {
      worker = new Worker(new URL('./capability-probe.worker.ts', import.meta.url), { type: 'module', name: 'layerpad-probe' });
    } catch {
      resolve(null);
      return;
    }
    const done = (answer: WorkerCapabilities | null) => {
      worker.terminate();
      resolve(answer);
    };
    worker.addEventListener('message', (event: MessageEvent<WorkerCapabilities>) => done(event.data));
    worker.addEventListener('error', () => done(null));
  });
}
