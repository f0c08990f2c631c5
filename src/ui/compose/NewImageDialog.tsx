// "New image": choose a starting point; asks before discarding the current composition.

import { useRef } from 'react';
import { STARTERS, starter } from './starters.ts';
import { useComposer } from './store/index.ts';
import { selectLayers } from './store/selectors.ts';

export function NewImageButton() {
  const dialog = useRef<HTMLDialogElement>(null);
  const layers = useComposer(selectLayers);
  const entryCount = layers.reduce((n, l) => n + Object.keys(l.entries).length, 0);
  const choose = (id: (typeof STARTERS)[number]['id']) => {
    useComposer.getState().replaceComposition(starter(id));
    dialog.current?.close();
  };
  return (
    <>
      <button type="button" onClick={() => dialog.current?.showModal()}>New image</button>
      <dialog ref={dialog} className="new-image" aria-labelledby="new-image-title">
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
          </div>
          <div className="row end">
            <button value="cancel">Keep the current image</button>
          </div>
        </form>
      </dialog>
    </>
  );
}
