// Tells whether the composition is safely stored in this browser.

import { useComposer } from './store/index.ts';
import { selectSaveState } from './store/selectors.ts';

const TEXT = { idle: '', pending: 'Saving…', saved: 'Saved in this browser', failed: 'Not saved' } as const;

export function SaveState() {
  const state = useComposer(selectSaveState);
  return (
    <span className={`save-state save-${state}`} role="status" aria-label="Save state">
      {TEXT[state]}
    </span>
  );
}
