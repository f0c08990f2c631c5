// Module-level selectors (stable identities, so components re-render only on what they read).

import { platformView, type PlatformView } from '../model/platforms.ts';
import { isOutline } from '../model/outline.ts';
import type { Store } from './index.ts';

export const selectComposition = (s: Store) => s.composition;
export const selectLayers = (s: Store) => s.composition.layers;
export const selectConfig = (s: Store) => s.composition.config;
export const selectPlatforms = (s: Store) => s.composition.platforms;
export const selectActivePlatform = (s: Store) => s.activePlatform;
export const selectConfigScope = (s: Store) => s.configScope;
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
/** The composition shown is an outline: its saved files' contents are still being read back. */
export const selectContentsPending = (s: Store) => isOutline(s.composition);
export const selectSaveState = (s: Store) => s.saveState;
export const selectBaseReading = (s: Store) => s.baseReading;
export const selectOutput = (s: Store) => s.composition.output;

let lastView: { composition: Store['composition']; platform: string; view: PlatformView } | undefined;
/** The active platform's view (its base and layers), the same object while neither changes. */
export const selectView = (s: Store): PlatformView => {
  if (lastView?.composition === s.composition && lastView.platform === s.activePlatform) return lastView.view;
  lastView = { composition: s.composition, platform: s.activePlatform, view: platformView(s.composition, s.activePlatform) };
  return lastView.view;
};
