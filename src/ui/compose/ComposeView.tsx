// The composer: filesystem (layers + tree) | config | image. Restores the saved composition
// first, then keeps it saved and the live build running.

import { useEffect } from 'react';
import { ConfigForm } from './config/ConfigForm.tsx';
import { FilesPanel } from './files/FilesPanel.tsx';
import { LayersPanel } from './layers/LayersPanel.tsx';
import { ResultPanel } from './result/ResultPanel.tsx';
import { ResultSummary } from './result/ResultSummary.tsx';
import { TeachSection } from './teach/TeachSection.tsx';
import { primeFromStore, startBuildRunner } from './build-runner.ts';
import { startPersistence } from './persistence.ts';
import { warmEngine } from '../../worker/client.ts';
import { startHistory } from './history.ts';
import { useComposer } from './store/index.ts';
import { selectContentsPending, selectNotice, selectRestored } from './store/selectors.ts';

let started = false;

/** Persistence and the build runner live for the whole page, not the view. */
function startOnce() {
  if (started) return;
  started = true;
  // The worker loads its modules while the saved image is read from IndexedDB.
  warmEngine();
  startBuildRunner();
  void startPersistence({ onOutline: primeFromStore }).then(() => startHistory());
}

export function ComposeView() {
  const restored = useComposer(selectRestored);
  // The saved files' contents are still being read back: they show, but cannot be edited yet.
  const reading = useComposer(selectContentsPending);
  useEffect(startOnce, []);
  if (!restored) return <p className="loading" role="status">Opening your saved image…</p>;
  return (
    <div className="compose">
      <Notice />
      <ResultSummary />
      {reading && <p className="reading-contents">Reading your saved files back…</p>}
      <div className="compose-grid">
        <div className="column" inert={reading}>
          <div className="panel">
            <LayersPanel />
          </div>
          <FilesPanel />
        </div>
        <div className="column" inert={reading}>
          <ConfigForm />
        </div>
        <div className="column">
          <ResultPanel />
        </div>
      </div>
      <TeachSection />
    </div>
  );
}

const INFO_SHOWN_MS = 6000;

function Notice() {
  const notice = useComposer(selectNotice);
  useEffect(() => {
    if (notice?.kind !== 'info') return;
    const timer = setTimeout(() => useComposer.getState().clearNotice(), INFO_SHOWN_MS);
    return () => clearTimeout(timer);
  }, [notice]);
  if (!notice) return <div className="notice-slot" />;
  return (
    <div className={`notice notice-${notice.kind}`} role={notice.kind === 'error' ? 'alert' : 'status'}>
      <span>{notice.text}</span>
      <button type="button" className="icon-button" aria-label="Dismiss" onClick={() => useComposer.getState().clearNotice()}>✕</button>
    </div>
  );
}
