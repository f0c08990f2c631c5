// The inspector: drop an image archive anywhere on this view (or pick a file or an OCI layout
// folder), then see how it is built (structure and blobs), its layers with their files, and the
// merged filesystem. All reading happens in the inspection worker; this view only renders.

import { useEffect, useState, type DragEvent } from 'react';
import { analyse, cancelAnalyse, cancelOpen, openArchive } from './actions.ts';
import { useInspector, type InspectTab } from './store.ts';
import { OpenControls } from './open/OpenControls.tsx';
import { PullForm } from './pull/PullForm.tsx';
import { Referrers } from './pull/Referrers.tsx';
import { fromDrop } from '../shared/picked-input.ts';
import { ImageSummary } from './ImageSummary.tsx';
import { VerifyBar } from './VerifyBar.tsx';
import { ProblemList } from './ProblemList.tsx';
import { ProgressLine } from '../shared/ProgressLine.tsx';
import { TabList } from '../shared/TabList.tsx';
import { StructureDiagram } from './structure/StructureDiagram.tsx';
import { BlobList } from './structure/BlobList.tsx';
import { Documents } from './structure/Documents.tsx';
import { InspectedDiy } from './structure/InspectedDiy.tsx';
import { CompareControls } from './compare/CompareControls.tsx';
import { ComparePanel } from './compare/ComparePanel.tsx';
import { LayersTab } from './layers/LayersTab.tsx';
import { FilesystemTab } from './files/FilesystemTab.tsx';
import './inspect.css';

const TABS: { id: InspectTab; label: string }[] = [
  { id: 'structure', label: 'Structure and blobs' },
  { id: 'layers', label: 'Layers' },
  { id: 'filesystem', label: 'Merged filesystem' },
];

export function InspectView() {
  const [dragging, setDragging] = useState(false);
  const { opening, openError, view, tab, setTab } = useInspector();
  const fs = useInspector((s) => s.fs);
  useEffect(() => {
    if (view && tab !== 'structure' && fs.status === 'idle') void analyse();
  }, [view, tab, fs.status]);

  const onDrop = async (event: DragEvent) => {
    event.preventDefault();
    setDragging(false);
    const picked = await fromDrop(event.dataTransfer);
    if (picked?.kind === 'file') void openArchive(picked.file, picked.file.name);
    else if (picked) void openArchive(picked.files, picked.name);
  };

  return (
    <section
      className={`inspect-view${dragging ? ' is-dragging' : ''}`}
      aria-label="Inspector"
      onDragOver={(e) => {
        e.preventDefault();
        setDragging(true);
      }}
      onDragLeave={(e) => e.currentTarget === e.target && setDragging(false)}
      onDrop={(e) => void onDrop(e)}
    >
      <div className="inspect-toolbar">
        <OpenControls primary={!view} />
        <span className="muted small">or drop an image archive or OCI layout folder anywhere here · docker save, podman save, oci-archive, OCI layout (tar, zip, folder)</span>
      </div>
      <PullForm />
      {openError && (
        <div className="notice notice-error" role="alert">
          <span>
            <strong>Could not open it.</strong> {asSentence(openError)} Pick another file, or check that it is a complete image archive.
            {view && <> Still showing the previous file, <strong>{view.fileName}</strong>.</>}
          </span>
        </div>
      )}
      {opening && (
        <div className="build-status building" role="status">
          Reading the structure of {opening.name}… <button type="button" onClick={cancelOpen}>Cancel</button>
        </div>
      )}
      {!view && !opening && (
        <div className="drop-hint">
          <p><strong>Drop an image archive here</strong> to see how it is built and check every digest.</p>
          <p className="muted">Nothing leaves this browser: the file is read in place, slice by slice.</p>
        </div>
      )}
      {view && (
        <>
          <ImageSummary view={view} />
          <CompareControls view={view} />
          <ComparePanel />
          <VerifyBar />
          <ProblemList problems={view.problems} title="Problems in the archive" />
          <TabList label="Inspector views" className="subtabs" tabs={TABS} selected={tab} onSelect={setTab} panelId="inspect-panel" idPrefix="inspect-tab-" />
          <div id="inspect-panel" role="tabpanel" aria-labelledby={`inspect-tab-${tab}`}>
          {tab !== 'structure' && fs.status === 'running' && <ProgressLine what="Reading the layers" progress={fs.progress} onCancel={cancelAnalyse} />}
          {tab !== 'structure' && (fs.status === 'failed' || fs.status === 'cancelled') && (
            <div className="build-status warn" role="status">
              {fs.status === 'failed' ? `Reading the layers failed: ${fs.error}` : 'Reading the layers was cancelled.'}{' '}
              <button type="button" onClick={() => void analyse()}>Read them again</button>
            </div>
          )}
          {tab === 'structure' && (
            <div className="structure-grid">
              <StructureDiagram view={view} />
              <BlobList view={view} />
              {view.pulledFrom && <Referrers view={view} />}
              <Documents view={view} />
              <InspectedDiy view={view} />
            </div>
          )}
          {tab === 'layers' && <LayersTab view={view} />}
          {tab === 'filesystem' && fs.view && <FilesystemTab fs={fs.view} error={fs.error} />}
          </div>
        </>
      )}
    </section>
  );
}

/** Messages from the reader may lack a full stop; the advice after them is a new sentence. */
const asSentence = (text: string) => (/[.!?]$/.test(text.trim()) ? text : `${text}.`);
