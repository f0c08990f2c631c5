// Cancellable jobs inside a worker: each long call takes a job id the UI can cancel, and progress
// callbacks crossing to the UI thread are throttled so postMessage never floods it. A job answers
// only once its callbacks' reports have arrived: each comlink callback travels on a MessagePort of
// its own, the answer on the worker's, and nothing orders messages across ports, so a push's last
// "mounted" could otherwise land after the push had ended and be dropped.

export interface Progress {
  done: number;
  total: number;
}

/** Wraps a callback that crosses to the UI thread, so that the job waits for its reports to arrive. */
export type Deliver = <A extends unknown[]>(callback: (...args: A) => unknown) => (...args: A) => void;

export interface JobRegistry {
  /** Runs `work` with a signal that `cancel(jobId)` aborts; settles once every delivered report has arrived. */
  run<T>(jobId: string, work: (signal: AbortSignal, deliver: Deliver) => Promise<T>): Promise<T>;
  cancel(jobId: string): void;
}

export function createJobRegistry(): JobRegistry {
  const running = new Map<string, AbortController>();
  return {
    async run(jobId, work) {
      const controller = new AbortController();
      running.set(jobId, controller);
      // One port per callback keeps its own order, so the last report of each is enough to wait for.
      const lastReports: Promise<unknown>[] = [];
      const deliver: Deliver = (callback) => {
        const slot = lastReports.push(Promise.resolve()) - 1;
        return (...args) => {
          lastReports[slot] = Promise.resolve(callback(...args)).catch(() => undefined);
        };
      };
      try {
        return await work(controller.signal, deliver);
      } finally {
        await Promise.all(lastReports);
        running.delete(jobId);
      }
    },
    cancel(jobId) {
      running.get(jobId)?.abort(new DOMException('Cancelled by the user', 'AbortError'));
    },
  };
}

/** At most one report per `everyMs`, plus the final one (done === total). */
export function throttled(report: (p: Progress) => void, everyMs = 100): (p: Progress) => void {
  let last = 0;
  return (p) => {
    const now = performance.now();
    if (now - last >= everyMs || p.done === p.total) {
      last = now;
      report(p);
    }
  };
}
