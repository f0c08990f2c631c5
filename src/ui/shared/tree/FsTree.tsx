// The filesystem tree used by the composer (editable, drag and drop) and the inspector
// (read-only). Built on react-aria-components' Tree: it gives the WAI-ARIA treegrid keyboard model
// (arrows, Home/End, type-ahead, Shift/Ctrl selection), drag and drop that includes folders
// dropped from the OS and keyboard drag, and a Virtualizer for trees with 100 000+ entries (the
// Tree is given only the expanded part of the tree: see visible-tree.ts).
// F2, Delete and Enter are the caller's: onKeyDown runs in the capture phase, before the rows.

import { startTransition, useEffect, useMemo, useState, type KeyboardEvent, type ReactNode } from 'react';
import {
  Button,
  Collection,
  ListLayout,
  Tree,
  TreeItem,
  TreeItemContent,
  Virtualizer,
  type DragAndDropHooks,
  type Key,
  type Selection,
} from 'react-aria-components';
import { ByteSize } from '../ByteSize.tsx';
import { ChangeMark } from '../ChangeMark.tsx';
import { modeString } from '../format.ts';
import { EntryIcon } from './EntryIcon.tsx';
import type { FsTreeNode } from '../../../core/fs/tree-node.ts';
import { newVisibleTreeCache, visibleTree } from './visible-tree.ts';

export interface FsTreeProps {
  label: string;
  nodes: FsTreeNode[];
  selectedKeys: string[];
  onSelectionChange(keys: string[]): void;
  expandedKeys: Set<string>;
  onExpandedChange(keys: Set<string>): void;
  dragAndDropHooks?: DragAndDropHooks<FsTreeNode>;
  onKeyDown?(event: KeyboardEvent<HTMLDivElement>): void;
  emptyState?: ReactNode;
  /** Row height in px for the virtualiser. */
  rowHeight?: number;
}

export function FsTree(props: FsTreeProps) {
  const { nodes, expandedKeys, rowHeight = 30 } = props;
  const [cache] = useState(newVisibleTreeCache);
  // Thousands of rows are first rendered as a transition, which yields: the rest of the page
  // shows without waiting for them.
  const [mounted, setMounted] = useState(false);
  useEffect(() => startTransition(() => setMounted(true)), []);
  const shown = useMemo(() => (mounted ? visibleTree(nodes, expandedKeys, cache) : []), [mounted, nodes, expandedKeys, cache]);
  const toKeys = (selection: Selection): string[] =>
    selection === 'all' ? nodes.map((n) => n.id) : [...selection].map((key) => String(key));
  return (
    <div className="fs-tree-scroll" onKeyDownCapture={props.onKeyDown}>
      <Virtualizer layout={ListLayout} layoutOptions={{ rowHeight }}>
        <Tree
          aria-label={props.label}
          className="fs-tree"
          items={shown}
          selectionMode="multiple"
          selectionBehavior="replace"
          selectedKeys={new Set<Key>(props.selectedKeys)}
          onSelectionChange={(s) => props.onSelectionChange(toKeys(s))}
          expandedKeys={props.expandedKeys}
          onExpandedChange={(keys) => props.onExpandedChange(new Set([...keys].map(String)))}
          dragAndDropHooks={props.dragAndDropHooks}
          renderEmptyState={() => (mounted ? props.emptyState ?? <p className="empty">No files.</p> : null)}
        >
          {renderNode}
        </Tree>
      </Virtualizer>
    </div>
  );
}

// Module-level so its identity is stable: the collection then reuses rows whose node is unchanged
// instead of rebuilding thousands of them on every selection change.
function renderNode(node: FsTreeNode) {
  return (
    <TreeItem id={node.id} textValue={node.name} className={node.hidden ? 'fs-row is-hidden' : 'fs-row'}>
      <TreeItemContent>
        {({ hasChildItems, isExpanded, level }) => (
          <div className="fs-row-content" style={{ paddingInlineStart: `${(level - 1) * 18 + 4}px` }}>
            {hasChildItems ? (
              <Button slot="chevron" className="chevron" aria-label={isExpanded ? 'Collapse' : 'Expand'}>
                {isExpanded ? '▾' : '▸'}
              </Button>
            ) : (
              <span className="chevron-space" />
            )}
            <span className="fs-icon"><EntryIcon type={node.type} /></span>
            <span className="fs-name">
              {node.name}
              {node.type === 'dir' ? '/' : ''}
              {node.linkname !== undefined && <span className="fs-link"> → {node.linkname}</span>}
            </span>
            {node.mark && <ChangeMark kind={node.mark} compact />}
            {node.origin && <span className="fs-origin" title="layer">{node.origin}</span>}
            <span className="fs-mode" title={`mode ${node.mode.toString(8).padStart(4, '0')}, uid ${node.uid}, gid ${node.gid}`}>
              {modeString(node.type, node.mode)}
            </span>
            <span className="fs-size">{node.type === 'dir' || node.type === 'file' ? <ByteSize bytes={node.size} /> : null}</span>
          </div>
        )}
      </TreeItemContent>
      {node.children && <Collection items={node.children}>{renderNode}</Collection>}
    </TreeItem>
  );
}
