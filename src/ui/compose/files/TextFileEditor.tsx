// Inline editor for small text files. The worker decides whether the bytes are editable text
// (UTF-8, no NUL, at most 256 KiB); the UI only shows and replaces text.

import { useEffect, useState } from 'react';
import { readEditableTextInWorker } from '../../../worker/client.ts';
import { useComposer } from '../store/index.ts';

type Loaded = { state: 'loading' } | { state: 'binary' } | { state: 'text'; text: string };

export function TextFileEditor({ path, content }: { path: string; content: Blob }) {
  const updateEntry = useComposer((s) => s.updateEntry);
  const [loaded, setLoaded] = useState<Loaded>({ state: 'loading' });
  // Read once per file: later Blobs are our own edits, re-reading them would fight the caret.
  useEffect(() => {
    let live = true;
    setLoaded({ state: 'loading' });
    readEditableTextInWorker(content).then(
      (text) => live && setLoaded(text === null ? { state: 'binary' } : { state: 'text', text }),
      () => live && setLoaded({ state: 'binary' }),
    );
    return () => {
      live = false;
    };
  }, [path]);
  if (loaded.state === 'loading') return null;
  if (loaded.state === 'binary') return <p className="muted">Not editable here (binary, or larger than 256 KiB). To replace it, add a file with the same name to this folder.</p>;
  return (
    <label className="field">
      <span>Contents</span>
      <textarea
        className="mono"
        rows={8}
        value={loaded.text}
        spellCheck={false}
        onChange={(e) => {
          setLoaded({ state: 'text', text: e.target.value });
          const blob = new Blob([e.target.value], { type: 'text/plain' });
          updateEntry(path, { content: blob, size: blob.size });
        }}
      />
    </label>
  );
}
