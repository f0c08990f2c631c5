// Store slice for the live build: the latest built image (an ImageIndex), progress of the layer being built,
// and why there is no fresh result (field errors, a failure, a cancel).

import type { StateCreator } from 'zustand';
import type { ImageIndex } from '../../../core/image/model.ts';
import type { TimedProgress } from '../../shared/ProgressLine.tsx';
import type { Store } from './index.ts';

export interface BuildProgress extends TimedProgress {
  /** What is being done, e.g. `Building layer L3`. */
  what: string;
}

/**
 * `pending`: edits are waiting for the debounce; the shown result is already out of date.
 * `base`: the base image of an edit is not (yet) read, so nothing can be built.
 */
export type BuildStatus = 'idle' | 'pending' | 'building' | 'ready' | 'invalid' | 'failed' | 'cancelled' | 'base';

export interface BuildSlice {
  buildStatus: BuildStatus;
  buildError: string | null;
  progress: BuildProgress | null;
  image: ImageIndex | null;
  /** What the build store keeps in this browser (null where there is none). */
  storeUsage: { bytes: number; layers: number } | null;
  setBuild(patch: Partial<Pick<BuildSlice, 'buildStatus' | 'buildError' | 'progress' | 'image' | 'storeUsage'>>): void;
}

export const createBuildSlice: StateCreator<Store, [], [], BuildSlice> = (set) => ({
  buildStatus: 'idle',
  buildError: null,
  progress: null,
  image: null,
  storeUsage: null,
  setBuild: (patch) => set(patch),
});
