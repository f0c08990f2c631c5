// The "Show tar header" button and the "Tar header" region it opens: the anatomy of one entry,
// asked for when opened (`load` goes to a worker) and dropped when closed.

import { useEffect, useId, useRef, useState } from 'react';
import type { LayerAnatomy } from '../../../core/inspect/layer-anatomy.ts';
import { TarAnatomyView } from './TarAnatomyView.tsx';

type State = { status: 'closed' } | { status: 'loading' } | { status: 'done'; anatomy: LayerAnatomy } | { status: 'failed'; error: string };

export interface TarHeaderToggleProps {
  /** Reads the anatomy; null when it cannot be read now, with `unavailable` saying why. */
  load: ((signal: AbortSignal) => Promise<LayerAnatomy>) | null;
  unavailable?: string;
  /** Changes when the bytes may have changed (a new build): an open view reads them again. */
  version?: string;
}

export function TarHeaderToggle({ load, unavailable, version }: TarHeaderToggleProps) {
  const [state, setState] = useState<State>({ status: 'closed' });
  const id = useId();
  const open = state.status !== 'closed';
  // The latest loader, so a parent re-rendering while the worker reads does not start it again.
  const loader = useRef(load);
  loader.current = load;
  useEffect(() => setState((s) => (s.status === 'closed' || !loader.current ? s : { status: 'loading' })), [version]);
  useEffect(() => {
    if (state.status !== 'loading' || !loader.current) return;
    const controller = new AbortController();
    loader.current(controller.signal).then(
      (anatomy) => !controller.signal.aborted && setState({ status: 'done', anatomy }),
      (e: unknown) => !controller.signal.aborted && setState({ status: 'failed', error: e instanceof Error ? e.message : String(e) }),
    );
    return () => controller.abort();
  }, [state.status]);
  return (
    <div className="tar-header-toggle">
      <button type="button" aria-expanded={open} aria-controls={id} disabled={!load && !open} title={!load ? unavailable : undefined}
        onClick={() => setState(open ? { status: 'closed' } : { status: 'loading' })}>
        {open ? 'Hide tar header' : 'Show tar header'}
      </button>
      {!load && unavailable && <span className="muted small"> {unavailable}</span>}
      {open && (
        <section id={id} className="tar-header" role="region" aria-label="Tar header">
          {state.status === 'loading' && <p className="muted small" role="status">Reading the layer's tar…</p>}
          {state.status === 'failed' && <p className="notice notice-error" role="alert">{state.error}</p>}
          {state.status === 'done' && <TarAnatomyView anatomy={state.anatomy} compression={state.anatomy.compression} />}
        </section>
      )}
    </div>
  );
}
