// Sends a long list somewhere in slices: to a worker (postMessage clones every File on the UI
// thread, 0.1 ms to over 1 ms each depending on how busy the machine is) or to IndexedDB (a put
// clones it too). A fixed batch size is either too slow on a busy machine or needlessly chatty on
// a quiet one. Each slice's synchronous send time
// is measured: the next slice grows while sends stay well under the budget and shrinks in
// proportion when one runs over, so no send blocks the page for long.

export interface SliceOptions {
  /** Time one send may hold the UI thread. */
  budgetMs?: number;
  first?: number;
  max?: number;
  now?: () => number;
  /** What a send cost the thread, from its answer, for sends whose work happens after they return. */
  costOf?: (answer: unknown) => number;
}

/** Calls `send` for consecutive slices of `items`, in order, waiting for each before the next. */
export async function sendInSlices<T, R>(items: readonly T[], send: (slice: T[]) => Promise<R>, opts: SliceOptions = {}): Promise<R[]> {
  const { budgetMs = 12, max = 2000, now = () => performance.now() } = opts;
  let size = opts.first ?? 20;
  const answers: R[] = [];
  for (let at = 0; at < items.length; ) {
    const slice = items.slice(at, at + size);
    at += slice.length;
    const started = now();
    const answer = send(slice);
    const syncMs = now() - started;
    const answered = await answer;
    answers.push(answered);
    const ms = opts.costOf ? opts.costOf(answered) : syncMs;
    if (ms > budgetMs) size = Math.max(1, Math.floor((size * budgetMs) / ms));
    else if (ms < budgetMs / 2) size = Math.min(max, size * 2);
  }
  return answers;
}
