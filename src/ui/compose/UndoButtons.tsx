// Undo and Redo for the composition, as buttons in the header and as Ctrl+Z / Ctrl+Shift+Z
// (Ctrl+Y) anywhere in the composer except inside a text field, which keeps its own undo.

import { useEffect } from 'react';
import { redo, undo } from './history.ts';
import { useComposer } from './store/index.ts';

const isTyping = (target: EventTarget | null) => target instanceof HTMLElement && !!target.closest('input, textarea, select, [contenteditable="true"]');

export function UndoButtons() {
  const canUndo = useComposer((s) => s.canUndo);
  const canRedo = useComposer((s) => s.canRedo);
  useEffect(() => {
    const onKey = (event: KeyboardEvent) => {
      if (!(event.ctrlKey || event.metaKey) || event.altKey || isTyping(event.target)) return;
      const key = event.key.toLowerCase();
      if (key === 'z' && !event.shiftKey) undo();
      else if ((key === 'z' && event.shiftKey) || key === 'y') redo();
      else return;
      event.preventDefault();
    };
    addEventListener('keydown', onKey);
    return () => removeEventListener('keydown', onKey);
  }, []);
  return (
    <span className="undo-buttons">
      <button type="button" disabled={!canUndo} onClick={undo} aria-keyshortcuts="Control+Z" title="Undo (Ctrl+Z)">Undo</button>
      <button type="button" disabled={!canRedo} onClick={redo} aria-keyshortcuts="Control+Shift+Z Control+Y" title="Redo (Ctrl+Shift+Z)">Redo</button>
    </span>
  );
}
