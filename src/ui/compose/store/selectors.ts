// Module-level selectors (stable identities, so components re-render only on what they read).

import type { Store } from './index.ts';

export const selectComposition = (s: Store) => s.composition;
export const selectLayers = (s: Store) => s.composition.layers;
export const selectConfig = (s: Store) => s.composition.config;
export const selectPlatform = (s: Store) => s.composition.platform;
export const selectName = (s: Store) => s.composition.name;
export const selectCreated = (s: Store) => s.composition.created;
export const selectAuthor = (s: Store) => s.composition.author;
export const selectActiveLayer = (s: Store) => s.activeLayer;
export const selectViewMode = (s: Store) => s.viewMode;
export const selectSelectedPaths = (s: Store) => s.selectedPaths;
export const selectNotice = (s: Store) => s.notice;
export const selectRenameTarget = (s: Store) => s.renameTarget;
export const selectImage = (s: Store) => s.image;
export const selectBuildStatus = (s: Store) => s.buildStatus;
export const selectBuildError = (s: Store) => s.buildError;
export const selectProgress = (s: Store) => s.progress;
export const selectRestored = (s: Store) => s.restored;
export const selectSaveState = (s: Store) => s.saveState;
export const selectBaseReading = (s: Store) => s.baseReading;
export const selectBase = (s: Store) => s.composition.base;
export const selectOutput = (s: Store) => s.composition.output;
