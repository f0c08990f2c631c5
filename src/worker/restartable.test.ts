import { describe, expect, it, vi } from 'vitest';
import { restartableWorker, WorkerCrash } from './restartable.ts';

/** A stand-in for a module Worker that never answers and can be made to fire events. */
function silentWorker() {
  const listeners = new Map<string, ((event: Event) => void)[]>();
  return {
    terminated: false,
    addEventListener: (type: string, listener: (event: Event) => void) => void listeners.set(type, [...(listeners.get(type) ?? []), listener]),
    removeEventListener: () => {},
    postMessage: () => {},
    terminate() {
      this.terminated = true;
    },
    fire: (type: string) => (listeners.get(type) ?? []).forEach((listener) => listener(new Event(type))),
  };
}

// Node has no ErrorEvent; restartable.ts reads a crash's message from one.
if (!('ErrorEvent' in globalThis)) vi.stubGlobal('ErrorEvent', class extends Event { message = ''; });

describe('restartableWorker', () => {
  it('counts a worker that fires error and then messageerror as one crash, and the next call starts a new worker', async () => {
    const workers: ReturnType<typeof silentWorker>[] = [];
    const starts: number[] = [];
    const crashes: string[] = [];
    const restartable = restartableWorker<{ ping(): string }>(
      () => workers[workers.push(silentWorker()) - 1] as unknown as Worker,
      (detail) => `the worker stopped${detail}`,
      () => starts.push(workers.length),
    );
    restartable.onCrash((crash) => crashes.push(crash.message));
    const pending = restartable.call((remote) => remote.ping());
    workers[0].fire('error');
    await expect(pending).rejects.toBeInstanceOf(WorkerCrash);
    void restartable.call((remote) => remote.ping()).catch(() => {}); // a new worker, as a rebuild after a crash starts one
    workers[0].fire('messageerror'); // the dead worker's second event
    expect(crashes).toEqual(['the worker stopped']);
    expect(workers[0].terminated).toBe(true);
    expect(workers[1].terminated).toBe(false);
    expect(starts).toEqual([1, 2]);
  });
});
