// Store slice holding the composition itself and every edit to it. Edits are the pure functions of
// model/edits.ts applied to the active platform's view (model/platforms.ts) and written back; this
// slice only applies them and reports their errors to the UI slice.

import type { StateCreator } from 'zustand';
import type { FsEntry } from '../../../core/fs/entry.ts';
import { baseCount, emptyComposition, newLayer, newPlatform, nextRevision, type Composition, type ConfigDraft, type OutputOptions, type PlatformDraft } from '../model/composition.ts';
import { addEntries, EditError, movePaths, removePaths, renamePath, restorePath, updateEntry } from '../model/edits.ts';
import { fromPlatformView, platformView, setPerPlatform, type PlatformView } from '../model/platforms.ts';
import { isOutline } from '../model/outline.ts';
import type { Store } from './index.ts';

type PlatformPatch = Partial<Pick<PlatformDraft, 'os' | 'architecture' | 'variant'>>;

/** Where new entries go: a composition layer index, as one platform sees it. */
export interface EntryTarget {
  layer: number;
  platform: string;
}

export interface CompositionSlice {
  composition: Composition;
  /** False until the saved composition has been read back, so autosave cannot overwrite it. */
  restored: boolean;
  /** An outline (model/outline.ts) shows, and edits wait for its contents. */
  replaceComposition(composition: Composition): void;
  /** The restored `outline` takes `complete`, its version with file contents, unless something replaced it meanwhile. */
  fillContents(outline: Composition, complete: Composition): void;
  setConfigField(field: keyof ConfigDraft, value: string): void;
  /** Sets (or, with undefined, drops) one platform's own value of a config field. */
  setOverride(platformId: string, field: keyof ConfigDraft, value: string | undefined): void;
  setPlatform(platformId: string, patch: PlatformPatch): void;
  addPlatform(patch: Required<PlatformPatch>): void;
  removePlatform(platformId: string): void;
  setMeta(patch: Partial<Pick<Composition, 'name' | 'created' | 'author'>>): void;
  setOutput(patch: Partial<OutputOptions>): void;
  /** A platform's base image was read (again): its model and files join the composition. */
  setBaseLoaded(platformId: string, loaded: NonNullable<PlatformDraft['base']>['loaded']): void;
  addLayer(): void;
  setLayerCreatedBy(index: number, createdBy: string): void;
  /** Gives a layer one set of files per platform, or makes it shared again (keeping the active platform's). */
  setLayerPerPlatform(index: number, perPlatform: boolean): void;
  moveLayer(index: number, delta: -1 | 1): void;
  deleteLayer(index: number): void;
  /** Adds entries to the active layer, or to `target` (the layer and platform active when the person picked them). */
  addEntries(entries: FsEntry[], target?: EntryTarget): void;
  removePaths(paths: string[]): void;
  renamePath(path: string, newName: string): boolean;
  movePaths(paths: string[], destDir: string): boolean;
  updateEntry(path: string, patch: Partial<FsEntry>): void;
  /** Takes back the deletion of a base path. */
  restorePath(path: string): void;
}

export const createCompositionSlice: StateCreator<Store, [], [], CompositionSlice> = (setAny, get) => {
  // An edit of an outline would drop the bytes of the files it touches, so edits wait for them.
  const refusedWhileReading = (): boolean => {
    const reading = isOutline(get().composition);
    if (reading) get().notify('info', 'Your saved files are still being read back; try that again in a moment.');
    return reading;
  };
  const set = ((...args: Parameters<typeof setAny>) => void (refusedWhileReading() || setAny(...args))) as typeof setAny;
  /** Applies `edit` to a platform's view (the active one's by default) and writes the result back; false when refused. */
  const editLayers = (edit: (v: PlatformView) => Composition['layers'], platform = get().activePlatform): boolean => {
    if (refusedWhileReading()) return false;
    try {
      const v = platformView(get().composition, platform);
      const layers = fromPlatformView(get().composition.layers, v.platform.id, edit(v));
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
  const setPlatforms = (edit: (platforms: PlatformDraft[]) => PlatformDraft[]) =>
    set((s) => ({ composition: { ...s.composition, platforms: edit(s.composition.platforms) } }));
  const patchPlatform = (id: string, patch: (p: PlatformDraft) => PlatformDraft) => setPlatforms((all) => all.map((p) => (p.id === id ? patch(p) : p)));

  return {
    composition: emptyComposition(),
    restored: false,
    replaceComposition: (composition) =>
      setAny({ composition, restored: true, activeLayer: composition.layers.length - 1, activePlatform: composition.platforms[0].id, configScope: null, selectedPaths: [], notice: null }),
    fillContents: (outline, complete) => setAny((s) => (s.composition === outline ? { composition: complete } : {})),
    setConfigField: (field, value) => set((s) => ({ composition: { ...s.composition, config: { ...s.composition.config, [field]: value } } })),
    setOverride: (platformId, field, value) =>
      patchPlatform(platformId, (p) => {
        const { [field]: _dropped, ...rest } = p.overrides;
        return { ...p, overrides: value === undefined ? rest : { ...rest, [field]: value } };
      }),
    setPlatform: (platformId, patch) => patchPlatform(platformId, (p) => ({ ...p, ...patch })),
    addPlatform: ({ os, architecture, variant }) => {
      const added = newPlatform(os, architecture, variant);
      set((s) => ({
        composition: {
          ...s.composition,
          platforms: [...s.composition.platforms, added],
          // A new platform starts with the files the active platform has in each per-platform layer.
          layers: s.composition.layers.map((layer) =>
            layer.perPlatform ? { ...layer, perPlatform: { ...layer.perPlatform, [added.id]: layer.perPlatform[s.activePlatform] ?? Object.values(layer.perPlatform)[0] } } : layer,
          ),
        },
        activePlatform: added.id,
      }));
    },
    removePlatform: (platformId) =>
      set((s) => {
        const platforms = s.composition.platforms.filter((p) => p.id !== platformId);
        if (platforms.length === 0) return { notice: { kind: 'error', text: 'An image needs at least one platform.' } };
        const layers = s.composition.layers.map((layer) => {
          if (!layer.perPlatform) return layer;
          const { [platformId]: _gone, ...perPlatform } = layer.perPlatform;
          return { ...layer, perPlatform };
        });
        return { composition: { ...s.composition, platforms, layers }, activePlatform: s.activePlatform === platformId ? platforms[0].id : s.activePlatform, configScope: null };
      }),
    setMeta: (patch) => set((s) => ({ composition: { ...s.composition, ...patch } })),
    setOutput: (patch) => set((s) => ({ composition: { ...s.composition, output: { ...s.composition.output, ...patch } } })),
    setBaseLoaded: (platformId, loaded) => patchPlatform(platformId, (p) => (p.base ? { ...p, base: { ...p.base, loaded } } : p)),
    addLayer: () =>
      set((s) => {
        const below = baseCount(platformView(s.composition, s.activePlatform));
        const layers = [...s.composition.layers, newLayer(`COPY . / # layer ${below + s.composition.layers.length + 1}`)];
        return { composition: { ...s.composition, layers }, activeLayer: layers.length - 1 };
      }),
    setLayerCreatedBy: (index, createdBy) =>
      set((s) => ({
        composition: {
          ...s.composition,
          layers: s.composition.layers.map((l, i) => (i === index ? { ...l, createdBy, revision: nextRevision(l.revision) } : l)),
        },
      })),
    setLayerPerPlatform: (index, perPlatform) =>
      set((s) => ({
        composition: {
          ...s.composition,
          layers: s.composition.layers.map((l, i) => (i === index ? setPerPlatform(l, s.composition.platforms, perPlatform, s.activePlatform) : l)),
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
    addEntries: (entries, target) => {
      const layer = target && target.layer < get().composition.layers.length ? target.layer : activeIndex();
      editLayers((v) => addEntries(v.layers, layer, entries), target?.platform);
    },
    removePaths: (paths) => {
      editLayers((v) => removePaths(v.layers, paths, layerScope(), { base: v.base, active: activeIndex() }));
      set({ selectedPaths: [] });
    },
    restorePath: (path) => {
      editLayers((v) => restorePath(v.layers, path));
      set({ selectedPaths: [path] });
    },
    renamePath: (path, newName) => {
      const ok = editLayers((v) => renamePath(v.layers, path, newName, v.base));
      if (ok) set({ selectedPaths: [path.includes('/') ? `${path.slice(0, path.lastIndexOf('/'))}/${newName}` : newName] });
      return ok;
    },
    movePaths: (paths, destDir) => {
      const ok = editLayers((v) => movePaths(v.layers, paths, destDir, v.base));
      if (ok) set({ selectedPaths: paths.map((p) => (destDir ? `${destDir}/` : '') + p.slice(p.lastIndexOf('/') + 1)) });
      return ok;
    },
    updateEntry: (path, patch) => editLayers((v) => updateEntry(v.layers, path, activeIndex(), patch, v.base)),
  };
};
