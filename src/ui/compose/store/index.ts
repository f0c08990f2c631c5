// The composer's zustand store, made of slices; components read it through selectors.ts.

import { create } from 'zustand';
import { createBuildSlice, type BuildSlice } from './build-slice.ts';
import { createCompositionSlice, type CompositionSlice } from './composition-slice.ts';
import { createUiSlice, type UiSlice } from './ui-slice.ts';

export type Store = CompositionSlice & UiSlice & BuildSlice;

export const useComposer = create<Store>()((...args) => ({
  ...createCompositionSlice(...args),
  ...createUiSlice(...args),
  ...createBuildSlice(...args),
}));
