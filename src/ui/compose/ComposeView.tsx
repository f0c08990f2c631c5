// The composer: filesystem (layers + tree) | config | image. Restores the saved composition
// first, then keeps it saved and the live build running.

import { useEffect } from 'react';
import { ConfigForm } from './config/ConfigForm.tsx';
import { FilesPanel } from './files/FilesPanel.tsx';
import { LayersPanel } from './layers/LayersPanel.tsx';
import { ResultPanel } from './result/ResultPanel.tsx';
import { ResultSummary } from './result/ResultSummary.tsx';
import { TeachSection } from './teach/TeachSection.tsx';
import { startBuildRunner } from './build-runner.ts';
import { startPersistence } from './persistence.ts';
import { startHistory } from './history.ts';
import { useComposer } from './store/index.ts';
import { selectNotice, selectRestored } from './store/selectors.ts';

let started = false;

/** Persistence and the build runner live for the whole page, not the view. */
function startOnce() {
  if (started) return;
  started = true;
  void startPersistence().then(() => {
    startHistory();
    startBuildRunner();
  });
}

export function ComposeView() {
  const restored = useComposer(selectRestored);
  useEffect(startOnce, []);
  if (!restored) return <p className="loading" role="status">Opening your saved image…</p>;
  return (
    <div className="compose">
      <Notice />
      <ResultSummary />
      <div className="compose-grid">
        <div className="column">
          <div className="panel">
            <LayersPanel />
          </div>
          <FilesPanel />
        </div>
        <div className="column">
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
