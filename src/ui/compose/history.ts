// Undo and redo for the composition. Compositions are immutable values, so history is a list of
// earlier ones: every change keeps the one before it, except that a burst of changes (typing in a
// field) counts as one step. Reading a base image again is not an edit, so undoing never unloads
// a base: the bases read now are carried into whatever version comes back.

import type { Composition } from './model/composition.ts';
import { useComposer } from './store/index.ts';

/** Steps kept; the issue asks for at least 50. */
export const HISTORY_LIMIT = 100;
/** Changes closer together than this are one step (a word typed, a value dragged). */
const BURST_MS = 700;

let past: Composition[] = [];
let future: Composition[] = [];
let lastChange = 0;
let quiet = 0;

const publish = () => useComposer.setState({ canUndo: past.length > 0, canRedo: future.length > 0 });

/** Runs `work` without recording what it changes (restoring, reading a base again). */
export function withoutHistory<T>(work: () => T): T {
  quiet++;
  try {
    return work();
  } finally {
    quiet--;
  }
}

/** Forgets every step (a composition was restored from storage). */
export function resetHistory(): void {
  past = [];
  future = [];
  publish();
}

export function startHistory(): () => void {
  return useComposer.subscribe((state, previous) => {
    if (state.composition === previous.composition || quiet > 0) return;
    const now = performance.now();
    if (now - lastChange > BURST_MS || past.length === 0) {
      past.push(previous.composition);
      if (past.length > HISTORY_LIMIT) past.shift();
    }
    lastChange = now;
    future = [];
    publish();
  });
}

export function undo(): void {
  step(past, future);
}

export function redo(): void {
  step(future, past);
}

function step(from: Composition[], to: Composition[]): void {
  const target = from.pop();
  if (!target) return;
  const current = useComposer.getState().composition;
  to.push(current);
  lastChange = 0;
  const composition = withBasesOf(target, current);
  const { activeLayer, activePlatform } = useComposer.getState();
  withoutHistory(() =>
    useComposer.setState({
      composition,
      selectedPaths: [],
      activeLayer: Math.min(activeLayer, composition.layers.length - 1),
      activePlatform: composition.platforms.some((p) => p.id === activePlatform) ? activePlatform : composition.platforms[0].id,
    }),
  );
  publish();
}

/** `target` with the bases `current` has read, for the platforms both have with the same base. */
function withBasesOf(target: Composition, current: Composition): Composition {
  const platforms = target.platforms.map((p) => {
    const now = current.platforms.find((c) => c.id === p.id)?.base;
    if (!p.base || p.base.loaded || !now?.loaded || now.source.manifestDigest !== p.base.source.manifestDigest) return p;
    return { ...p, base: { ...p.base, loaded: now.loaded } };
  });
  return { ...target, platforms };
}
