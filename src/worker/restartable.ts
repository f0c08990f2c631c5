// A module worker behind comlink that is restarted after a crash. A crashed worker never answers,
// so every pending call is rejected with a clear message instead of hanging; the next call starts
// a fresh worker.

import * as Comlink from 'comlink';

/** The worker died (crashed, ran out of memory) while a call was waiting for it. */
export class WorkerCrash extends Error {
  override name = 'WorkerCrash';
}

export interface RestartableWorker<Api> {
  /** Runs `work` against the live worker (starting one if needed); rejects if the worker dies. */
  call<T>(work: (remote: Comlink.Remote<Api>) => Promise<T>): Promise<T>;
  /** The live worker's remote, if one is running (for fire-and-forget calls such as cancel). */
  current(): Comlink.Remote<Api> | undefined;
  /** Calls `listener` whenever the worker dies, busy or idle (what it held in memory is gone). */
  onCrash(listener: (crash: WorkerCrash) => void): void;
}

/** `crashMessage(detail)` explains what stopped and what to do next; `onStart` sees each new worker first. */
export function restartableWorker<Api>(create: () => Worker, crashMessage: (detail: string) => string, onStart?: (remote: Comlink.Remote<Api>) => void): RestartableWorker<Api> {
  let running: { worker: Worker; remote: Comlink.Remote<Api>; crashed: Promise<never> } | null = null;
  const listeners = new Set<(crash: WorkerCrash) => void>();
  const start = () => {
    const worker = create();
    let fail: (error: Error) => void = () => {};
    const crashed = new Promise<never>((_, reject) => (fail = reject));
    crashed.catch(() => {});
    let dead = false;
    const onCrash = (event: Event) => {
      // A dying worker can fire more than one event (error, then messageerror): it crashed once.
      if (dead) return;
      dead = true;
      const detail = event instanceof ErrorEvent && event.message ? `: ${event.message}` : '';
      worker.terminate();
      if (running?.worker === worker) running = null;
      const crash = new WorkerCrash(crashMessage(detail));
      fail(crash);
      for (const listener of listeners) listener(crash);
    };
    worker.addEventListener('error', onCrash);
    worker.addEventListener('messageerror', onCrash);
    const remote = Comlink.wrap<Api>(worker);
    onStart?.(remote);
    return { worker, remote, crashed };
  };
  return {
    call(work) {
      try {
        running ??= start();
      } catch (error) {
        // A browser without module workers throws in the constructor: a failed call, not a throw.
        return Promise.reject(error);
      }
      return Promise.race([work(running.remote), running.crashed]);
    },
    current: () => running?.remote,
    onCrash: (listener) => void listeners.add(listener),
  };
}
