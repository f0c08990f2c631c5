// Long byte loops must let queued tasks run. Reading an in-memory Blob resolves through
// microtasks only, so a hashing or compression loop would otherwise starve the task queue:
// a worker would never see the "cancel" message meant for the very loop that is running.

/** Milliseconds of uninterrupted work before a loop hands control back to the event loop. */
const SLICE_MS = 25;

/** Returns a function to call once per loop step; it yields to the task queue every ~25 ms. */
export function cooperativeYield(): () => Promise<void> | undefined {
  let last = performance.now();
  return () => {
    const now = performance.now();
    if (now - last < SLICE_MS) return undefined;
    last = now;
    return new Promise<void>((resolve) => setTimeout(resolve, 0)).then(() => {
      last = performance.now();
    });
  };
}
