// Cancellable jobs inside a worker: each long call takes a job id the UI can cancel, and progress
// callbacks crossing to the UI thread are throttled so postMessage never floods it.

export interface Progress {
  done: number;
  total: number;
}

export interface JobRegistry {
  /** Runs `work` with a signal that `cancel(jobId)` aborts. */
  run<T>(jobId: string, work: (signal: AbortSignal) => Promise<T>): Promise<T>;
  cancel(jobId: string): void;
}

export function createJobRegistry(): JobRegistry {
  const running = new Map<string, AbortController>();
  return {
    async run(jobId, work) {
      const controller = new AbortController();
      running.set(jobId, controller);
      try {
        return await work(controller.signal);
      } finally {
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
