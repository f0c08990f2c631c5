// The app shell: a header with the two views, Compose and Inspect. The view is kept in the URL
// hash so a reload stays where the person was.

import { useEffect, useState } from 'react';
import { ComposeView } from './compose/ComposeView.tsx';
import { NewImageButton } from './compose/NewImageDialog.tsx';
import { SaveState } from './compose/SaveState.tsx';
import { InspectView } from './inspect/InspectView.tsx';

type View = 'compose' | 'inspect';
// `#inspect?ref=<reference>` is a link that offers an image to pull (see PullForm).
const viewFromHash = (): View => (location.hash.startsWith('#inspect') ? 'inspect' : 'compose');

export function App() {
  const [view, setView] = useState<View>(viewFromHash);
  useEffect(() => {
    const onHash = () => {
      if (location.hash.startsWith('#inspect') || location.hash === '#compose') setView(viewFromHash());
    };
    addEventListener('hashchange', onHash);
    return () => removeEventListener('hashchange', onHash);
  }, []);
  const go = (next: View) => {
    setView(next);
    history.replaceState(null, '', `#${next}`);
  };
  return (
    <div className="app">
      <header className="app-header">
        <div className="brand">
          <img src="/favicon.svg" alt="" width={22} height={22} />
          <span>Layerpad</span>
        </div>
        <nav className="tabs" role="tablist" aria-label="Views">
          {(['compose', 'inspect'] as const).map((v) => (
            <button key={v} type="button" role="tab" id={`tab-${v}`} aria-selected={view === v} aria-controls="view" onClick={() => go(v)}>
              {v === 'compose' ? 'Compose' : 'Inspect'}
            </button>
          ))}
        </nav>
        <div className="header-actions">
          {view === 'compose' && (
            <>
              <SaveState />
              <NewImageButton />
            </>
          )}
        </div>
      </header>
      <main id="view" role="tabpanel" aria-labelledby={`tab-${view}`}>
        {view === 'compose' ? <ComposeView /> : <InspectView />}
      </main>
      <footer className="app-footer muted">Everything stays in this browser: no uploads, no server.</footer>
    </div>
  );
}
