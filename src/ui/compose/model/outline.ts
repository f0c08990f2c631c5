// A restored composition whose file contents are still being read back (persistence.ts): its
// file entries carry no bytes yet. It shows, but is neither edited nor saved until its complete
// version takes its place. Kept as a mark on the composition object, so there is one fact and no
// flag beside it to fall out of step.

import type { Composition } from './composition.ts';

const outlines = new WeakSet<Composition>();

/** Marks `composition` as an outline and returns it. */
export function markOutline(composition: Composition): Composition {
  outlines.add(composition);
  return composition;
}

export const isOutline = (composition: Composition): boolean => outlines.has(composition);
