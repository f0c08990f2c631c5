// The filesystem side of the composer: toolbar (add files/folder, new entries, delete), the tree
// with drag and drop (OS files and folders in, entries moved between folders), keyboard actions
// (F2 rename, Delete, Enter) and the details of the selected entry. When editing an image, the
// base's files are in the tree too (tagged with their base layer), and deleting one shows it
// struck through as deleted, with a way to restore it.

import { useMemo, useState, type KeyboardEvent } from 'react';
import { useDragAndDrop, type DropItem } from 'react-aria-components';
import { canPickFolders } from '../../shared/capabilities.ts';
import { FsTree } from '../../shared/tree/FsTree.tsx';
import type { FsTreeNode } from '../../../core/fs/tree-node.ts';
import type { MergedNode } from '../../../core/fs/merge.ts';
import { parseTreeKey } from '../../../core/fs/tree-keys.ts';
import { baseCount } from '../model/composition.ts';
import { displayPath, parentOf, ROOT } from '../model/paths.ts';
import { childNames, composerTree, layerName, visibleAt } from '../model/stack.ts';
import { useComposer } from '../store/index.ts';
import { selectActiveLayer, selectSelectedPaths, selectView, selectViewMode } from '../store/selectors.ts';
import { PlatformPicker } from './PlatformPicker.tsx';
import { EmptyStart } from './EmptyStart.tsx';
import { DeletedDetails, EntryDetails } from './EntryDetails.tsx';
import { fromDropItems, fromFileList, importInto } from './import-files.ts';
import { freshName, newEntry, type NewKind } from './new-entries.ts';

const PATH_TYPE = 'application/x-layerpad-path';

export function FilesPanel() {
  const view = useComposer(selectView);
  const activeLayer = useComposer(selectActiveLayer);
  const viewMode = useComposer(selectViewMode);
  const selected = useComposer(selectSelectedPaths);
  const { select, removePaths, movePaths, addEntries, requestRename } = useComposer.getState();
  const [collapsed, setCollapsed] = useState<Set<string>>(new Set());

  const { layers, base } = view;
  // The tree shows the files' metadata, which each layer's revision fingerprints (in this
  // platform's view): a restored composition's contents arriving (new entry objects, same
  // revisions) do not rebuild 8000 rows.
  const revisions = `${view.platform.id}: ${layers.map((layer) => `${layer.id}@${layer.revision}`).join(' ')}`;
  const nodes = useMemo(() => composerTree({ layers, base }, viewMode === 'merged' ? undefined : activeLayer), [revisions, base, viewMode, activeLayer]);
  const folderIds = useMemo(() => collectFolders(nodes), [nodes]);
  const isDeletedRow = (key: string) => parseTreeKey(key).hiddenLayer !== undefined;
  const live = selected.filter((key) => !isDeletedRow(key));
  const expanded = useMemo(() => new Set([...folderIds].filter((id) => !collapsed.has(id))), [folderIds, collapsed]);

  const isFolder = (path: string) => path === ROOT || folderIds.has(path);
  const targetDir = live.length === 1 ? (isFolder(live[0]) ? live[0] : parentOf(live[0])) : ROOT;

  const create = (kind: NewKind) => {
    const name = freshName(kind, childNames({ layers, base }, targetDir));
    const entry = newEntry(kind, targetDir, name);
    addEntries([entry]);
    select([entry.path]);
    requestRename(entry.path);
  };

  const dropInto = async (items: DropItem[], dir: string) => {
    const paths = await Promise.all(items.filter((i) => i.kind === 'text' && i.types.has(PATH_TYPE)).map((i) => (i.kind === 'text' ? i.getText(PATH_TYPE) : '')));
    if (paths.length) {
      movePaths(paths, dir);
      return;
    }
    const { files, dirs } = await fromDropItems(items);
    await importInto(dir, files, dirs);
  };

  const { dragAndDropHooks } = useDragAndDrop<FsTreeNode>({
    getItems: (keys) => [...keys].filter((key) => !isDeletedRow(String(key))).map((key) => ({ [PATH_TYPE]: String(key), 'text/plain': displayPath(String(key)) })),
    getDropOperation: (target, types) => {
      if (target.type === 'item' && target.dropPosition === 'on' && !isFolder(String(target.key))) return 'cancel';
      return types.has(PATH_TYPE) ? 'move' : 'copy';
    },
    onDrop: (e) => {
      const dir = e.target.type === 'root' ? ROOT : e.target.dropPosition === 'on' ? String(e.target.key) : parentOf(String(e.target.key));
      void dropInto(e.items, dir);
    },
  });

  /** Deletes after a confirm when a folder has contents; focus then goes to the row after (or before) the deleted ones. */
  const deletePaths = (paths: string[]) => {
    const inside = paths.reduce((n, path) => n + countBelow(visibleAt(view, path)), 0);
    const folders = paths.filter((path) => visibleAt(view, path)?.children?.size);
    if (folders.length > 0 && !confirm(`Delete ${folders.map(displayPath).join(', ')} and the ${inside} entr${inside === 1 ? 'y' : 'ies'} inside? Undo (Ctrl+Z) brings ${paths.length === 1 ? 'it' : 'them'} back.`)) return;
    const neighbour = rowAfter(paths);
    removePaths(paths);
    if (neighbour) {
      select([neighbour]);
      focusRow(neighbour);
    }
  };

  // Keys act on the focused row (and on the whole selection when that row is part of it).
  const onKeyDown = (event: KeyboardEvent<HTMLDivElement>) => {
    const target = event.target as HTMLElement;
    if (target.closest('input, textarea')) return;
    const focused = target.closest('[role="row"]')?.getAttribute('data-key');
    if (!focused || isDeletedRow(focused)) return;
    if (event.key === 'F2') {
      select([focused]);
      requestRename(focused);
    } else if (event.key === 'Delete') {
      deletePaths(live.includes(focused) ? live : [focused]);
    } else if (event.key === 'Enter' && folderIds.has(focused)) {
      const next = new Set(collapsed);
      if (next.has(focused)) next.delete(focused);
      else next.add(focused);
      setCollapsed(next);
    } else return;
    event.preventDefault();
    event.stopPropagation();
  };

  return (
    <section className="panel files-panel" aria-labelledby="files-heading">
      <div className="panel-head">
        <h2 id="files-heading">Filesystem</h2>
        <span className="muted">
          adding to <span className="mono">{displayPath(targetDir)}</span> in layer {layerName(baseCount(view) + activeLayer)}
        </span>
      </div>
      <PlatformPicker />
      <div className="toolbar" role="toolbar" aria-label="Filesystem actions">
        <label className="button file-button">
          Add files
          <input type="file" multiple aria-label="Add files" onChange={(e) => pick(e.currentTarget, targetDir)} />
        </label>
        {canPickFolders && <label className="button file-button">
          Add folder
          <input
            type="file"
            aria-label="Add folder"
            ref={(el) => el?.setAttribute('webkitdirectory', '')}
            onChange={(e) => pick(e.currentTarget, targetDir)}
          />
        </label>}
        <button type="button" onClick={() => create('folder')}>New folder</button>
        <button type="button" onClick={() => create('text')}>New text file</button>
        <button type="button" onClick={() => create('symlink')}>New symlink</button>
        <button type="button" className="danger" disabled={live.length === 0} onClick={() => deletePaths(live)}>
          Delete{live.length > 1 ? ` (${live.length})` : ''}
        </button>
      </div>
      <div className="tree-area">
        <FsTree
          label="Image filesystem"
          nodes={nodes}
          selectedKeys={selected}
          onSelectionChange={select}
          expandedKeys={expanded}
          onExpandedChange={(keys) => setCollapsed(new Set([...folderIds].filter((id) => !keys.has(id))))}
          dragAndDropHooks={dragAndDropHooks}
          onKeyDown={onKeyDown}
          emptyState={
            base && !base.loaded ? (
              <div className="empty">
                <p>The base image's files show here once it is read (see the Layers panel).</p>
              </div>
            ) : (
              <EmptyStart />
            )
          }
        />
      </div>
      {selected.length === 1 && isDeletedRow(selected[0]) && <DeletedDetails key={selected[0]} treeKey={selected[0]} />}
      {selected.length === 1 && !isDeletedRow(selected[0]) && (
        <EntryDetails key={selected[0]} path={selected[0]} node={visibleAt({ layers, base }, selected[0])} onDone={focusRow} />
      )}
      {selected.length > 1 && <p className="muted">{selected.length} entries selected. Press Delete to remove them all.</p>}
    </section>
  );
}

/** Entries below a merged node (not counting the node itself). */
function countBelow(node: MergedNode | undefined): number {
  let count = 0;
  const stack = node?.children ? [...node.children.values()] : [];
  while (stack.length) {
    const next = stack.pop()!;
    count++;
    if (next.children) for (const child of next.children.values()) stack.push(child);
  }
  return count;
}

/** The key of the row shown after the last of `paths` (or before the first), outside them. */
function rowAfter(paths: readonly string[]): string | undefined {
  const keys = [...document.querySelectorAll<HTMLElement>('.fs-tree [role="row"]')].map((row) => row.dataset.key ?? '');
  const gone = (key: string) => paths.some((p) => key === p || key.startsWith(`${p}/`));
  const last = paths.reduce((max, p) => Math.max(max, keys.indexOf(p)), -1);
  return keys.slice(last + 1).find((key) => !gone(key) && !isDeletedKey(key)) ?? keys.slice(0, last).reverse().find((key) => !gone(key) && !isDeletedKey(key));
}

const isDeletedKey = (key: string) => parseTreeKey(key).hiddenLayer !== undefined;

/** Back to the tree after editing, once React has rendered the (maybe renamed) row. */
function focusRow(path: string) {
  requestAnimationFrame(() => (document.querySelector(`.fs-tree [data-key="${CSS.escape(path)}"]`) as HTMLElement | null)?.focus());
}

function pick(input: HTMLInputElement, targetDir: string) {
  if (!input.files?.length) return;
  const files = fromFileList(input.files);
  input.value = '';
  void importInto(targetDir, files);
}

function collectFolders(nodes: FsTreeNode[], into = new Set<string>()): Set<string> {
  for (const node of nodes) {
    if (node.type === 'dir') into.add(node.id);
    if (node.children) collectFolders(node.children, into);
  }
  return into;
}
