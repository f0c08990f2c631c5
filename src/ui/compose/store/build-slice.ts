// Store slice for the live build: the latest BuiltImage, progress of the layer being built,
// and why there is no fresh result (field errors, a failure, a cancel).

import type { StateCreator } from 'zustand';
import type { BuiltImage } from '../../../core/build/built.ts';
import type { Store } from './index.ts';

export interface BuildProgress {
  layerIndex: number;
  done: number;
  total: number;
  startedAt: number;
  /** Time of the latest progress report, for the rate. */
  at: number;
}

/** `pending`: edits are waiting for the debounce; the shown result is already out of date. */
export type BuildStatus = 'idle' | 'pending' | 'building' | 'ready' | 'invalid' | 'failed' | 'cancelled';

export interface BuildSlice {
  buildStatus: BuildStatus;
  buildError: string | null;
  progress: BuildProgress | null;
  image: BuiltImage | null;
  setBuild(patch: Partial<Pick<BuildSlice, 'buildStatus' | 'buildError' | 'progress' | 'image'>>): void;
}

export const createBuildSlice: StateCreator<Store, [], [], BuildSlice> = (set) => ({
  buildStatus: 'idle',
  buildError: null,
  progress: null,
  image: null,
  setBuild: (patch) => set(patch),
});
