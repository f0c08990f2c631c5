// Inline editor for small text files. Only Blobs typed text/* and under 256 KiB are opened: the
// UI shows text people typed, it never inspects binary bytes.

import { useEffect, useState } from 'react';
import { useComposer } from '../store/index.ts';

const MAX_EDITABLE = 256 * 1024;

export function isEditableText(content: Blob): boolean {
  return content.size <= MAX_EDITABLE && (content.type.startsWith('text/') || (content.type === '' && content.size === 0));
}

export function TextFileEditor({ path, content }: { path: string; content: Blob }) {
  const updateEntry = useComposer((s) => s.updateEntry);
  const [text, setText] = useState<string | null>(null);
  const editable = isEditableText(content);
  // Loaded once per file: later Blobs are our own edits, re-reading them would fight the caret.
  useEffect(() => {
    let live = true;
    setText(null);
    if (editable) void content.text().then((t) => live && setText(t));
    return () => {
      live = false;
    };
  }, [path]);
  if (!editable) return <p className="muted">Binary or large file: replace it by adding a file with the same name.</p>;
  if (text === null) return null;
  return (
    <label className="field">
      <span>Contents</span>
      <textarea
        className="mono"
        rows={8}
        value={text}
        spellCheck={false}
        onChange={(e) => {
          setText(e.target.value);
          const blob = new Blob([e.target.value], { type: 'text/plain' });
          updateEntry(path, { content: blob, size: blob.size });
        }}
      />
    </label>
  );
}
