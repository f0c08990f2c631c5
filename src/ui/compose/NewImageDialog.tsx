// "New image": choose a starting point, from nothing or from an image archive (an edit of a real
// image); asks before discarding the current composition.

import { useRef, useState } from 'react';
import { ProgressLine } from '../shared/ProgressLine.tsx';
import { FilePickButton, FolderPickButton } from '../shared/PickButton.tsx';
import type { ArchiveInput } from '../../core/formats/open.ts';
import { cancelBaseReading, startFromBase } from './base-loader.ts';
import { STARTERS, starter } from './starters.ts';
import { useComposer } from './store/index.ts';
import { selectBaseReading, selectLayers } from './store/selectors.ts';

export function NewImageButton() {
  const dialog = useRef<HTMLDialogElement>(null);
  const layers = useComposer(selectLayers);
  const reading = useComposer(selectBaseReading);
  const [error, setError] = useState<string | null>(null);
  const entryCount = layers.reduce((n, l) => n + Object.keys(l.entries).length, 0);
  const choose = (id: (typeof STARTERS)[number]['id']) => {
    useComposer.getState().replaceComposition(starter(id));
    dialog.current?.close();
  };
  const fromArchive = async (input: ArchiveInput, name: string) => {
    setError(null);
    try {
      await startFromBase(input, name);
      dialog.current?.close();
    } catch (e) {
      if ((e as Error).name !== 'AbortError') setError((e as Error).message);
    }
  };
  return (
    <>
      <button type="button" onClick={() => dialog.current?.showModal()}>New image</button>
      <dialog ref={dialog} className="new-image" aria-labelledby="new-image-title" onClose={() => setError(null)}>
        <form method="dialog">
          <h2 id="new-image-title">Start a new image</h2>
          {entryCount > 0 && (
            <p className="warning-text">This discards the current image ({entryCount} entries in {layers.length} layer{layers.length === 1 ? '' : 's'}). Download it first to keep it.</p>
          )}
          <div className="starters">
            {STARTERS.map((s) => (
              <button key={s.id} type="button" className="starter" onClick={() => choose(s.id)}>
                <strong>{s.title}</strong>
                <span className="muted">{s.description}</span>
              </button>
            ))}
            <div className="starter from-archive">
              <strong>Start from an image archive…</strong>
              <span className="muted">A docker save, podman save, oci-archive or OCI layout: its layers stay as they are, your changes go on top.</span>
              <span className="row">
                <FilePickButton label="Start from an image archive" onFile={(file) => void fromArchive(file, file.name)}>
                  Start from an image archive…
                </FilePickButton>
                <FolderPickButton label="Start from an OCI layout folder" onFolder={(files, name) => void fromArchive(files, name)}>
                  OCI layout folder…
                </FolderPickButton>
              </span>
            </div>
          </div>
          {reading?.state === 'reading' && <ProgressLine what={`Reading ${reading.fileName}`} progress={reading.progress} onCancel={cancelBaseReading} />}
          {error && <p className="error-text" role="alert">{error}</p>}
          <div className="row end">
            <button value="cancel">Keep the current image</button>
          </div>
        </form>
      </dialog>
    </>
  );
}
