// The app shell: a header with the two views, Compose and Inspect. The view is kept in the URL
// hash so a reload stays where the person was.

import { useEffect, useState } from 'react';
import { ComposeView } from './compose/ComposeView.tsx';
import { NewImageButton } from './compose/NewImageDialog.tsx';
import { SaveState } from './compose/SaveState.tsx';
import { UndoButtons } from './compose/UndoButtons.tsx';
import { InspectView } from './inspect/InspectView.tsx';
import { TabList } from './shared/TabList.tsx';
import { CapabilityNotice } from './shared/CapabilityNotice.tsx';
import { UpdatePrompt } from './shared/UpdatePrompt.tsx';

type View = 'compose' | 'inspect';
const VIEWS = [{ id: 'compose', label: 'Compose' }, { id: 'inspect', label: 'Inspect' }] as const;
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
        <a className="skip-link" href="#view">Skip to the {view === 'compose' ? 'composer' : 'inspector'}</a>
        <h1 className="brand">
          <img src="/favicon.svg" alt="" width={22} height={22} />
          <span>Layerpad</span>
        </h1>
        <nav aria-label="Views">
          <TabList label="Views" className="tabs" tabs={VIEWS} selected={view} onSelect={go} panelId="view" idPrefix="tab-" />
        </nav>
        <div className="header-actions">
          {view === 'compose' && (
            <>
              <SaveState />
              <UndoButtons />
              <NewImageButton />
            </>
          )}
        </div>
      </header>
      <UpdatePrompt />
      <CapabilityNotice />
      <main>
        <div id="view" role="tabpanel" aria-labelledby={`tab-${view}`} tabIndex={-1}>
          {view === 'compose' ? <ComposeView /> : <InspectView />}
        </div>
      </main>
      <footer className="app-footer muted">Everything stays in this browser: no uploads, no server.</footer>
    </div>
  );
}
