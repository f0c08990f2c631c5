// Store slice holding the composition itself and every edit to it. Edits are the pure functions of
// model/edits.ts; this slice only applies them and reports their errors to the UI slice.

import type { StateCreator } from 'zustand';
import type { FsEntry } from '../../../core/fs/entry.ts';
import { baseCount, emptyComposition, newLayer, type Composition, type ConfigDraft, type OutputOptions, type PlatformDraft } from '../model/composition.ts';
import { addEntries, EditError, movePaths, removePaths, renamePath, restorePath, updateEntry } from '../model/edits.ts';
import type { Store } from './index.ts';

export interface CompositionSlice {
  composition: Composition;
  /** False until the saved composition has been read back, so autosave cannot overwrite it. */
  restored: boolean;
  replaceComposition(composition: Composition): void;
  setConfigField(field: keyof ConfigDraft, value: string): void;
  setPlatform(patch: Partial<PlatformDraft>): void;
  setMeta(patch: Partial<Pick<Composition, 'name' | 'created' | 'author'>>): void;
  setOutput(patch: Partial<OutputOptions>): void;
  /** The base image was read (again): its model and files join the composition. */
  setBaseLoaded(loaded: NonNullable<Composition['base']>['loaded']): void;
  addLayer(): void;
  setLayerCreatedBy(index: number, createdBy: string): void;
  moveLayer(index: number, delta: -1 | 1): void;
  deleteLayer(index: number): void;
  addEntries(entries: FsEntry[]): void;
  removePaths(paths: string[]): void;
  renamePath(path: string, newName: string): boolean;
  movePaths(paths: string[], destDir: string): boolean;
  updateEntry(path: string, patch: Partial<FsEntry>): void;
  /** Takes back the deletion of a base path. */
  restorePath(path: string): void;
}

export const createCompositionSlice: StateCreator<Store, [], [], CompositionSlice> = (set, get) => {
  const editLayers = (edit: (c: Composition) => Composition['layers']): boolean => {
    try {
      const layers = edit(get().composition);
      set((s) => ({ composition: { ...s.composition, layers }, notice: null }));
      return true;
    } catch (error) {
      if (!(error instanceof EditError)) throw error;
      get().notify('error', error.message);
      return false;
    }
  };
  const activeIndex = () => get().activeLayer;
  const layerScope = () => (get().viewMode === 'layer' ? activeIndex() : null);

  return {
    composition: emptyComposition(),
    restored: false,
    replaceComposition: (composition) =>
      set({ composition, restored: true, activeLayer: composition.layers.length - 1, selectedPaths: [], notice: null }),
    setConfigField: (field, value) => set((s) => ({ composition: { ...s.composition, config: { ...s.composition.config, [field]: value } } })),
    setPlatform: (patch) => set((s) => ({ composition: { ...s.composition, platform: { ...s.composition.platform, ...patch } } })),
    setMeta: (patch) => set((s) => ({ composition: { ...s.composition, ...patch } })),
    setOutput: (patch) => set((s) => ({ composition: { ...s.composition, output: { ...s.composition.output, ...patch } } })),
    setBaseLoaded: (loaded) =>
      set((s) => (s.composition.base ? { composition: { ...s.composition, base: { ...s.composition.base, loaded } } } : {})),
    addLayer: () =>
      set((s) => {
        const layers = [...s.composition.layers, newLayer(`COPY . / # layer ${baseCount(s.composition) + s.composition.layers.length + 1}`)];
        return { composition: { ...s.composition, layers }, activeLayer: layers.length - 1 };
      }),
    setLayerCreatedBy: (index, createdBy) =>
      set((s) => ({
        composition: {
          ...s.composition,
          layers: s.composition.layers.map((l, i) => (i === index ? { ...l, createdBy, revision: l.revision + 1 } : l)),
        },
      })),
    moveLayer: (index, delta) =>
      set((s) => {
        const layers = [...s.composition.layers];
        const to = index + delta;
        if (to < 0 || to >= layers.length) return {};
        [layers[index], layers[to]] = [layers[to], layers[index]];
        return { composition: { ...s.composition, layers }, activeLayer: s.activeLayer === index ? to : s.activeLayer === to ? index : s.activeLayer };
      }),
    deleteLayer: (index) =>
      set((s) => {
        if (s.composition.layers.length <= 1) return { notice: { kind: 'error', text: 'An image needs at least one layer.' } };
        const layers = s.composition.layers.filter((_, i) => i !== index);
        return { composition: { ...s.composition, layers }, activeLayer: Math.min(s.activeLayer, layers.length - 1), selectedPaths: [] };
      }),
    addEntries: (entries) => editLayers((c) => addEntries(c.layers, activeIndex(), entries)),
    removePaths: (paths) => {
      editLayers((c) => removePaths(c.layers, paths, layerScope(), { base: c.base, active: activeIndex() }));
      set({ selectedPaths: [] });
    },
    restorePath: (path) => {
      editLayers((c) => restorePath(c.layers, path));
      set({ selectedPaths: [path] });
    },
    renamePath: (path, newName) => {
      const ok = editLayers((c) => renamePath(c.layers, path, newName, c.base));
      if (ok) set({ selectedPaths: [path.includes('/') ? `${path.slice(0, path.lastIndexOf('/'))}/${newName}` : newName] });
      return ok;
    },
    movePaths: (paths, destDir) => {
      const ok = editLayers((c) => movePaths(c.layers, paths, destDir, c.base));
      if (ok) set({ selectedPaths: paths.map((p) => (destDir ? `${destDir}/` : '') + p.slice(p.lastIndexOf('/') + 1)) });
      return ok;
    },
    updateEntry: (path, patch) => editLayers((c) => updateEntry(c.layers, path, activeIndex(), patch, c.base)),
  };
};
