// The panel beside the tree for the selected entry: rename (F2 lands here), mode, uid/gid,
// symlink target, and an inline editor for text files. An entry from the base image is changed by
// copying it up into the active layer (its bytes are read from the base first); a deleted base
// entry can be restored.

import { useEffect, useRef, useState } from 'react';
import type { FsEntry } from '../../../core/fs/entry.ts';
import type { MergedNode } from '../../../core/fs/merge.ts';
import { parseTreeKey } from '../../../core/fs/tree-keys.ts';
import { ByteSize } from '../../shared/ByteSize.tsx';
import { baseCount } from '../model/composition.ts';
import { baseName, displayPath, joinPath, parentOf } from '../model/paths.ts';
import { layerName, stackFs } from '../model/stack.ts';
import { selectRenameTarget, selectView } from '../store/selectors.ts';
import { useComposer } from '../store/index.ts';
import { changeEntry, useEntryContent } from './base-files.ts';
import { ModeEditor } from './ModeEditor.tsx';
import { TextFileEditor } from './TextFileEditor.tsx';
import { ComposedTarHeader } from './ComposedTarHeader.tsx';

export interface EntryDetailsProps {
  path: string;
  /** The entry in the merged stack; implicit for a folder implied by its contents. */
  node: MergedNode | undefined;
  /** Editing finished; `path` is the entry's path now (changed by a rename). */
  onDone(path: string): void;
}

export function EntryDetails({ path, node, onDone }: EntryDetailsProps) {
  const composition = useComposer(selectView);
  const entry: FsEntry = node?.entry ?? { path, type: 'dir', mode: 0o755, uid: 0, gid: 0, size: 0 };
  const renamePath = useComposer((s) => s.renamePath);
  const renameTarget = useComposer(selectRenameTarget);
  const nameRef = useRef<HTMLInputElement>(null);
  const [name, setName] = useState(baseName(path));
  const fromBase = node !== undefined && !node.implicit && node.layer < baseCount(composition);
  const content = useEntryContent(path, node);
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
  const change = (patch: Partial<FsEntry>) => void changeEntry(path, patch);
  const where = !node || node.implicit ? ' · implied by its contents' : fromBase ? ` · base layer ${layerName(node.layer)}` : ` · layer ${layerName(node.layer)}`;

  return (
    <section className="entry-details" aria-label="Selected entry">
      <div className="details-head">
        <span className="mono">{displayPath(path)}</span>
        <span className="muted">
          {entry.type}
          {where}
          {entry.type === 'file' && <> · <ByteSize bytes={entry.size} /></>}
        </span>
      </div>
      {fromBase && <p className="muted small">From the base image: a change here copies it into layer {layerName(baseCount(composition) + useComposer.getState().activeLayer)}; deleting it writes a whiteout there.</p>}
      <label className="field">
        <span>Name</span>
        <input
          ref={nameRef}
          value={name}
          readOnly={fromBase}
          title={fromBase ? 'A base entry keeps its name: its bytes stay in the base layer. Add a copy under the new name instead.' : undefined}
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
          <input className="mono" value={entry.linkname ?? ''} onChange={(e) => change({ linkname: e.target.value })} />
        </label>
      )}
      <ModeEditor mode={entry.mode} onChange={(mode) => change({ mode })} />
      <div className="row">
        <label className="inline-field">
          <span>uid</span>
          <IdInput value={entry.uid} onChange={(uid) => change({ uid })} />
        </label>
        <label className="inline-field">
          <span>gid</span>
          <IdInput value={entry.gid} onChange={(gid) => change({ gid })} />
        </label>
      </div>
      {entry.type === 'file' && content && <TextFileEditor path={path} content={content} />}
      <ComposedTarHeader path={path} node={node} />
    </section>
  );
}

/** A base entry the composition deletes: where the deletion is, and a way to take it back. */
export function DeletedDetails({ treeKey }: { treeKey: string }) {
  const composition = useComposer(selectView);
  const { path, hiddenLayer } = parseTreeKey(treeKey);
  const hidden = hiddenLayer === undefined ? undefined : stackFs(composition).hiddenByLayer[hiddenLayer]?.get(path);
  if (!hidden) return null;
  const deleter = composition.layers[hidden.hiddenBy - baseCount(composition)];
  const direct = deleter?.deleted.includes(path);
  return (
    <section className="entry-details" aria-label="Selected entry">
      <div className="details-head">
        <span className="mono">{displayPath(path)}</span>
        <span className="muted">{hidden.entry.type} · deleted in layer {layerName(hidden.hiddenBy)}</span>
      </div>
      <p className="muted small">
        {direct
          ? `Layer ${layerName(hidden.hiddenBy)} holds a whiteout (.wh.${baseName(path)}) that hides it from ${layerName(hidden.layer)}; the bytes are still in that layer.`
          : `It is inside a deleted folder; restore the folder to bring it back.`}
      </p>
      {direct && (
        <button type="button" onClick={() => useComposer.getState().restorePath(path)}>Restore {displayPath(path)}</button>
      )}
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
