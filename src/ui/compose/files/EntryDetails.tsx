// The panel beside the tree for the selected entry: rename (F2 lands here), mode, uid/gid,
// symlink target, and an inline editor for text files.

import { useEffect, useRef, useState } from 'react';
import type { FsEntry } from '../../../core/fs/entry.ts';
import { ByteSize } from '../../shared/ByteSize.tsx';
import { baseName, displayPath, joinPath, parentOf } from '../model/paths.ts';
import { layerName, type ViewEntry } from '../model/tree.ts';
import { selectRenameTarget } from '../store/selectors.ts';
import { useComposer } from '../store/index.ts';
import { ModeEditor } from './ModeEditor.tsx';
import { TextFileEditor } from './TextFileEditor.tsx';

export interface EntryDetailsProps {
  path: string;
  /** The entry, or undefined for a folder implied by its contents. */
  viewEntry: ViewEntry | undefined;
  /** Editing finished; `path` is the entry's path now (changed by a rename). */
  onDone(path: string): void;
}

export function EntryDetails({ path, viewEntry, onDone }: EntryDetailsProps) {
  const entry: FsEntry = viewEntry?.entry ?? { path, type: 'dir', mode: 0o755, uid: 0, gid: 0, size: 0 };
  const updateEntry = useComposer((s) => s.updateEntry);
  const renamePath = useComposer((s) => s.renamePath);
  const renameTarget = useComposer(selectRenameTarget);
  const nameRef = useRef<HTMLInputElement>(null);
  const [name, setName] = useState(baseName(path));
  useEffect(() => setName(baseName(path)), [path]);
  useEffect(() => {
    if (renameTarget !== path) return;
    nameRef.current?.focus();
    nameRef.current?.select();
    useComposer.getState().requestRename(null);
  }, [renameTarget, path]);

  const commitName = () => {
    if (name === baseName(path)) return onDone(path);
    if (renamePath(path, name)) onDone(joinPath(parentOf(path), name));
  };

  return (
    <section className="entry-details" aria-label="Selected entry">
      <div className="details-head">
        <span className="mono">{displayPath(path)}</span>
        <span className="muted">
          {entry.type}
          {viewEntry ? ` · layer ${layerName(viewEntry.layerIndex)}` : ' · implied by its contents'}
          {entry.type === 'file' && <> · <ByteSize bytes={entry.size} /></>}
        </span>
      </div>
      <label className="field">
        <span>Name</span>
        <input
          ref={nameRef}
          value={name}
          onChange={(e) => setName(e.target.value)}
          onBlur={() => name !== baseName(path) && renamePath(path, name)}
          onKeyDown={(e) => {
            if (e.key === 'Enter') commitName();
            if (e.key === 'Escape') {
              setName(baseName(path));
              onDone(path);
            }
          }}
        />
      </label>
      {entry.type === 'symlink' && (
        <label className="field">
          <span>Link target</span>
          <input className="mono" value={entry.linkname ?? ''} onChange={(e) => updateEntry(path, { linkname: e.target.value })} />
        </label>
      )}
      <ModeEditor mode={entry.mode} onChange={(mode) => updateEntry(path, { mode })} />
      <div className="row">
        <label className="inline-field">
          <span>uid</span>
          <IdInput value={entry.uid} onChange={(uid) => updateEntry(path, { uid })} />
        </label>
        <label className="inline-field">
          <span>gid</span>
          <IdInput value={entry.gid} onChange={(gid) => updateEntry(path, { gid })} />
        </label>
      </div>
      {entry.type === 'file' && entry.content && <TextFileEditor path={path} content={entry.content} />}
    </section>
  );
}

function IdInput({ value, onChange }: { value: number; onChange(value: number): void }) {
  const [text, setText] = useState(String(value));
  useEffect(() => setText(String(value)), [value]);
  const valid = /^\d{1,10}$/.test(text) && Number(text) <= 0xffffffff;
  return (
    <input
      className="mono narrow"
      inputMode="numeric"
      value={text}
      aria-invalid={!valid}
      title={valid ? undefined : 'a whole number from 0 to 4294967295'}
      onChange={(e) => {
        setText(e.target.value);
        if (/^\d{1,10}$/.test(e.target.value) && Number(e.target.value) <= 0xffffffff) onChange(Number(e.target.value));
      }}
    />
  );
}
