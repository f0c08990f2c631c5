// What the last edit changed in the built image: each build is compared with the one before it
// (core/image/digest-changes), and the list stays until the next edit clears it. `at` dates the
// comparison, so marks beside the digests can show for a few seconds only. Fed by a subscription
// to the composer's store; the composer itself knows nothing of it.

import { create } from 'zustand';
import type { ImageIndex } from '../../../core/image/model.ts';
import { digestChanges, type DigestChange } from '../../../core/image/digest-changes.ts';
import type { EditedFiles } from '../../../core/image/digest-chain.ts';
import type { Composition } from '../model/composition.ts';
import { useComposer } from '../store/index.ts';
import { editedFiles } from './edited-files.ts';

export interface ChangesState {
  /** The build before the last one, and the last one. */
  before: ImageIndex | null;
  after: ImageIndex | null;
  /** Digests that differ between them; empty after an edit until its build is done. */
  changes: DigestChange[];
  /** The files the edit changed, for the active platform (by layer of the whole stack). */
  edited: EditedFiles[];
  /** When the comparison was made (performance.now()); 0 before the first one. */
  at: number;
  /** True from an edit until the build it causes is compared. */
  waiting: boolean;
}

export const useChanges = create<ChangesState>()(() => ({ before: null, after: null, changes: [], edited: [], at: 0, waiting: false }));

/** How long a changed digest is marked where it is shown. */
export const MARK_MS = 6000;

let started = false;

/** Starts comparing builds (once per page). */
export function trackChanges(): void {
  if (started) return;
  started = true;
  const now = useComposer.getState();
  let builtFrom: Composition | null = now.image ? now.composition : null;
  if (now.image) useChanges.setState({ after: now.image });
  useComposer.subscribe((state, previous) => {
    if (state.composition !== previous.composition && !useChanges.getState().waiting) {
      useChanges.setState({ changes: [], edited: [], waiting: true });
    }
    if (!state.image || state.image === previous.image) return;
    const last = useChanges.getState().after;
    const changes = last ? digestChanges(last, state.image) : [];
    const edited = builtFrom ? editedFiles(builtFrom, state.composition, state.activePlatform) : [];
    builtFrom = state.composition;
    useChanges.setState({ before: last, after: state.image, changes, edited, at: last ? performance.now() : 0, waiting: false });
  });
}
