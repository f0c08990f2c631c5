// The comparison of the opened image with another: what it is compared with, the work while the
// worker reads both sides, and the plain view it answers with. Rows stay in the worker (see
// compare-actions.ts). Cleared whenever another image is opened or another platform chosen.

import { create } from 'zustand';
import type { CompareView } from '../../../core/inspect/compare.ts';
import type { TimedProgress } from '../../shared/ProgressLine.tsx';
import type { JobStatus } from '../store.ts';

export interface CompareState {
  /** What B is, as people read it. */
  against: string | null;
  status: JobStatus;
  progress: (TimedProgress & { side: 'A' | 'B' }) | null;
  view: CompareView | null;
  error: string | null;
  /** Bumped for every comparison: pages of rows from an older one are dropped. */
  generation: number;
}

export const idleCompare = (): Omit<CompareState, 'generation'> => ({ against: null, status: 'idle', progress: null, view: null, error: null });

export const useCompare = create<CompareState>()(() => ({ ...idleCompare(), generation: 0 }));
