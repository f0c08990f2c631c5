// Store slice for what the person is looking at: active layer and platform, merged or single-layer
// view, selected tree entries, and the one notice line (errors say what, where and what to do).

import type { StateCreator } from 'zustand';
import type { TimedProgress } from '../../shared/ProgressLine.tsx';
import type { Store } from './index.ts';

export type ViewMode = 'merged' | 'layer';

export interface Notice {
  kind: 'error' | 'info';
  text: string;
}

/** Reading an edit's base image: under way, or needed from the person (with why, when a pick was refused). */
export type BaseReading = { state: 'reading'; fileName: string; progress: TimedProgress | null } | { state: 'missing'; error?: string } | null;

export interface UiSlice {
  baseReading: BaseReading;
  setBaseReading(reading: BaseReading): void;
  /** The platform whose files the tree shows and edits go to (a platform id). */
  activePlatform: string;
  setActivePlatform(id: string): void;
  /** Files being read for adding (their modes sniffed) before they join a layer. */
  importing: { files: number; done: number; startedAt: number; at: number } | null;
  /** Whether there is an edit to undo, or an undone one to redo (history.ts keeps them). */
  canUndo: boolean;
  canRedo: boolean;
  /** Whose config the form edits: the shared one (null) or one platform's overrides. */
  configScope: string | null;
  setConfigScope(id: string | null): void;
  activeLayer: number;
  viewMode: ViewMode;
  selectedPaths: string[];
  notice: Notice | null;
  /** Whether the composition in IndexedDB matches what is on screen. */
  saveState: 'idle' | 'pending' | 'saved' | 'failed' | 'conflict';
  /** Path whose name field the details panel should focus (F2, new entries); cleared once done. */
  renameTarget: string | null;
  setActiveLayer(index: number): void;
  setViewMode(mode: ViewMode): void;
  select(paths: string[]): void;
  requestRename(path: string | null): void;
  notify(kind: Notice['kind'], text: string): void;
  clearNotice(): void;
}

export const createUiSlice: StateCreator<Store, [], [], UiSlice> = (set) => ({
  activeLayer: 0,
  viewMode: 'merged',
  selectedPaths: [],
  notice: null,
  renameTarget: null,
  saveState: 'idle',
  baseReading: null,
  setBaseReading: (baseReading) => set({ baseReading }),
  activePlatform: '',
  setActivePlatform: (activePlatform) => set({ activePlatform, selectedPaths: [] }),
  importing: null,
  canUndo: false,
  canRedo: false,
  configScope: null,
  setConfigScope: (configScope) => set({ configScope }),
  setActiveLayer: (activeLayer) => set({ activeLayer }),
  setViewMode: (viewMode) => set({ viewMode, selectedPaths: [] }),
  select: (selectedPaths) => set({ selectedPaths }),
  requestRename: (renameTarget) => set({ renameTarget }),
  notify: (kind, text) => set({ notice: { kind, text } }),
  clearNotice: () => set({ notice: null }),
});
