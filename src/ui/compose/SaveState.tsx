// Tells whether the composition is safely stored in this browser; when another tab saved this
// image meanwhile, offers the two ways on: take that version (reload) or save this one over it.

import { save } from './persistence.ts';
import { useComposer } from './store/index.ts';
import { selectContentsPending, selectSaveState } from './store/selectors.ts';

const TEXT = { idle: '', pending: 'Saving…', saved: 'Saved in this browser', failed: 'Not saved', conflict: 'Changed in another tab' } as const;

export function SaveState() {
  const state = useComposer(selectSaveState);
  // An outline (contents still being read back) must not be saved over the whole version.
  const reading = useComposer(selectContentsPending);
  const overwrite = () =>
    save(useComposer.getState().composition, { force: true }).then(
      () => useComposer.setState({ saveState: 'saved' }),
      (error: Error) => useComposer.getState().notify('error', `Not saved in this browser: ${error.message}.`),
    );
  return (
    <span className="save-state-group">
      <span className={`save-state save-${state}`} role="status" aria-label="Save state">
        {TEXT[state]}
      </span>
      {state === 'conflict' && (
        <span className="conflict-actions">
          <span className="muted small">Another tab saved this image since this one loaded it.</span>
          <button type="button" className="small" onClick={() => location.reload()}>Load that version</button>
          <button type="button" className="small" disabled={reading} onClick={() => void overwrite()}>Save this one over it</button>
        </span>
      )}
    </span>
  );
}
