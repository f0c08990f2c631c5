// Undo and redo for the composition. Compositions are immutable values, so history is a list of
// earlier ones: every change keeps the one before it, except that a burst of typing (config and
// name fields, nothing in the layers or platforms) counts as one step. Reading a base image again is not an edit, so undoing never unloads
// a base: the bases read now are carried into whatever version comes back.

import type { Composition } from './model/composition.ts';
import { useComposer } from './store/index.ts';

/** Steps kept; the issue asks for at least 50. */
export const HISTORY_LIMIT = 100;
/** Typing closer together than this is one step. */
const BURST_MS = 700;

let past: Composition[] = [];
let future: Composition[] = [];
let lastTyping = 0;
let quiet = 0;

/** A change to fields only: the layers and platforms are the same objects. */
const typed = (next: Composition, before: Composition) => next.layers === before.layers && next.platforms === before.platforms;

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
    const typing = typed(state.composition, previous.composition);
    if (!typing || now - lastTyping > BURST_MS || past.length === 0) {
      past.push(previous.composition);
      if (past.length > HISTORY_LIMIT) past.shift();
    }
    lastTyping = typing ? now : 0;
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
  lastTyping = 0;
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
