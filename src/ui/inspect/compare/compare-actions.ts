// Starting, cancelling and closing a comparison, and fetching its rows a page at a time. Only
// plain answers from the inspection worker land in the store.

import type { CompareTarget } from '../../../core/inspect/compare-target.ts';
import type { RowFilter } from '../../../core/inspect/compare.ts';
import type { FileDiffRow } from '../../../core/fs/fs-diff.ts';
import { compareInWorker, compareRowsInWorker } from '../../../worker/inspect-client.ts';
import { useInspector } from '../store.ts';
import { idleCompare, useCompare } from './compare-store.ts';

const set = useCompare.setState;
const get = useCompare.getState;
let controller: AbortController | null = null;

// Another archive or platform on screen: the comparison was of the image before it.
useInspector.subscribe((state, previous) => {
  if (state.view !== previous.view && get().status !== 'idle') closeCompare();
});

export async function startCompare(target: CompareTarget, against: string): Promise<void> {
  controller?.abort(new DOMException('Replaced', 'AbortError'));
  const own = (controller = new AbortController());
  const generation = get().generation + 1;
  set({ ...idleCompare(), against, status: 'running', generation });
  const live = () => own === controller && !own.signal.aborted;
  try {
    const view = await compareInWorker(target, (p) => {
      if (!live()) return;
      const now = performance.now();
      const previous = get().progress;
      set({ progress: { ...p, startedAt: previous?.side === p.side ? previous.startedAt : now, at: now } });
    }, own.signal);
    if (live()) set({ status: 'done', view, progress: null });
  } catch (e) {
    if (!live()) return;
    const aborted = e instanceof Error && e.name === 'AbortError';
    set({ status: aborted ? 'cancelled' : 'failed', error: aborted ? null : e instanceof Error ? e.message : String(e), progress: null });
  }
}

export function cancelCompare(): void {
  controller?.abort(new DOMException('Cancelled by the user', 'AbortError'));
}

export function closeCompare(): void {
  controller?.abort(new DOMException('Closed', 'AbortError'));
  controller = null;
  set({ ...idleCompare(), generation: get().generation + 1 });
}

/** A page of file rows; undefined when another comparison replaced this one meanwhile. */
export async function loadCompareRows(generation: number, filter: RowFilter, start: number, end: number): Promise<FileDiffRow[] | undefined> {
  const rows = await compareRowsInWorker(filter, start, end);
  return generation === get().generation ? rows : undefined;
}
