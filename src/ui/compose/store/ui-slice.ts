// Store slice for what the person is looking at: active layer, merged or single-layer view,
// selected tree entries, and the one notice line (errors say what, where and what to do).

import type { StateCreator } from 'zustand';
import type { Store } from './index.ts';

export type ViewMode = 'merged' | 'layer';

export interface Notice {
  kind: 'error' | 'info';
  text: string;
}

export interface UiSlice {
  activeLayer: number;
  viewMode: ViewMode;
  selectedPaths: string[];
  notice: Notice | null;
  /** Whether the composition in IndexedDB matches what is on screen. */
  saveState: 'idle' | 'pending' | 'saved' | 'failed';
  /** Asks the details panel to focus its name field (F2). Incremented, never reset. */
  renameRequest: number;
  setActiveLayer(index: number): void;
  setViewMode(mode: ViewMode): void;
  select(paths: string[]): void;
  requestRename(): void;
  notify(kind: Notice['kind'], text: string): void;
  clearNotice(): void;
}

export const createUiSlice: StateCreator<Store, [], [], UiSlice> = (set) => ({
  activeLayer: 0,
  viewMode: 'merged',
  selectedPaths: [],
  notice: null,
  renameRequest: 0,
  saveState: 'idle',
  setActiveLayer: (activeLayer) => set({ activeLayer }),
  setViewMode: (viewMode) => set({ viewMode, selectedPaths: [] }),
  select: (selectedPaths) => set({ selectedPaths }),
  requestRename: () => set((s) => ({ renameRequest: s.renameRequest + 1 })),
  notify: (kind, text) => set({ notice: { kind, text } }),
  clearNotice: () => set({ notice: null }),
});
