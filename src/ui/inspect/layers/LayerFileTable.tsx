// One layer's files as `tar -tv` prints them (type+mode, owner, size, mtime, name, link), with
// what each entry does to the layers below: added, modified or deleted (colour + icon + word).
// Virtualised, and rows come from the worker a page at a time as they scroll into view, so
// 100 000 entries neither cross to this thread at once nor render at once; a row opens the file's
// preview. The table is one Tab stop: arrow keys, Page Up/Down, Home and End move between rows.

import { useEffect, useRef, useState, type KeyboardEvent } from 'react';
import { useVirtualizer } from '@tanstack/react-virtual';
import { ChangeMark } from '../../shared/ChangeMark.tsx';
import type { LayerFiles, LayerRow } from '../../../core/inspect/views.ts';
import { loadLayerRows } from '../actions.ts';

const ROW = 26;
const PAGE = 500;

type Pages = { of: LayerFiles; rows: Map<number, LayerRow[]> };

/** The pages of `files` that are loaded, fetching those that rows `first`..`last` need. */
function useRowPages(files: LayerFiles, first: number, last: number): Map<number, LayerRow[]> {
  const [pages, setPages] = useState<Pages>(() => ({ of: files, rows: new Map() }));
  const requested = useRef({ of: files, pages: new Set<number>() });
  useEffect(() => {
    if (requested.current.of !== files) requested.current = { of: files, pages: new Set() };
    const want = requested.current;
    for (let page = Math.floor(first / PAGE); page <= Math.floor(last / PAGE); page++) {
      if (want.pages.has(page)) continue;
      want.pages.add(page);
      loadLayerRows(files.index, page * PAGE, Math.min(files.rowCount, (page + 1) * PAGE)).then(
        (rows) => {
          if (!rows || requested.current !== want) return;
          setPages((prev) => ({ of: files, rows: new Map(prev.of === files ? prev.rows : []).set(page, rows) }));
        },
        () => want.pages.delete(page), // asked again when it next scrolls into view
      );
    }
  }, [files, first, last]);
  return pages.of === files ? pages.rows : new Map();
}

export function LayerFileTable({ files, selectedPath, onOpen }: { files: LayerFiles; selectedPath?: string; onOpen(row: LayerRow): void }) {
  const layer = files.index;
  const scroller = useRef<HTMLDivElement>(null);
  const virtual = useVirtualizer({ count: files.rowCount, getScrollElement: () => scroller.current, estimateSize: () => ROW, overscan: 12 });
  const items = virtual.getVirtualItems();
  const pages = useRowPages(files, items[0]?.index ?? 0, items.at(-1)?.index ?? -1);
  const [active, setActive] = useState(0);
  const [moved, setMoved] = useState(false);
  useEffect(() => {
    if (!moved) return;
    scroller.current?.querySelector<HTMLElement>(`[aria-rowindex="${active + 2}"]`)?.focus();
  }, [active, moved, items]);
  const onKeyDown = (event: KeyboardEvent) => {
    const page = Math.max(1, Math.floor((scroller.current?.clientHeight ?? ROW * 10) / ROW) - 1);
    const next = { ArrowDown: active + 1, ArrowUp: active - 1, PageDown: active + page, PageUp: active - page, Home: 0, End: files.rowCount - 1 }[event.key];
    if (next === undefined) return;
    event.preventDefault();
    const row = Math.max(0, Math.min(files.rowCount - 1, next));
    setActive(row);
    setMoved(true);
    virtual.scrollToIndex(row, { align: 'auto' });
  };
  return (
    <div className="tv-table" role="table" aria-label={`Files in layer L${layer + 1}`} aria-rowcount={files.rowCount}>
      <div className="tv-row tv-header" role="row">
        <span role="columnheader">change</span>
        <span role="columnheader">mode</span>
        <span role="columnheader">owner</span>
        <span role="columnheader" className="tv-size">size</span>
        <span role="columnheader">mtime (UTC)</span>
        <span role="columnheader">name</span>
      </div>
      <div className="tv-scroll" ref={scroller} onKeyDown={onKeyDown}>
        <div style={{ height: virtual.getTotalSize(), position: 'relative' }} role="rowgroup">
          {items.map((item) => {
            const row = pages.get(Math.floor(item.index / PAGE))?.[item.index % PAGE];
            const place = { position: 'absolute', top: 0, transform: `translateY(${item.start}px)`, height: ROW, width: '100%' } as const;
            if (!row) {
              return <div key={item.key} role="row" aria-rowindex={item.index + 2} className="tv-row is-loading" style={place}><span role="cell" className="muted">…</span></div>;
            }
            const hidden = row.hiddenBy !== undefined;
            return (
              <div
                key={item.key}
                role="row"
                aria-rowindex={item.index + 2}
                tabIndex={item.index === active ? 0 : -1}
                onFocus={() => setActive(item.index)}
                className={`tv-row${hidden ? ' is-hidden' : ''}${row.path === selectedPath ? ' is-selected' : ''}`}
                style={place}
                onClick={() => onOpen(row)}
                onKeyDown={(e) => e.key === 'Enter' && onOpen(row)}
                title={hidden ? `hidden by L${row.hiddenBy! + 1} (${row.hiddenReason})` : row.warnings.join('; ') || undefined}
              >
                <span role="cell"><ChangeMark kind={row.change} /></span>
                <span role="cell" className="mono">{row.tv.mode}</span>
                <span role="cell" className="mono">{row.tv.owner}</span>
                <span role="cell" className="mono tv-size">{row.tv.size}</span>
                <span role="cell" className="mono">{row.tv.mtime}</span>
                <span role="cell" className="mono tv-name">
                  <span className="tv-path">{row.tv.name}</span>
                  {row.tv.link && <span className="muted">{row.tv.link}</span>}
                  {hidden && <span className="muted small"> (hidden by L{row.hiddenBy! + 1})</span>}
                  {row.warnings.length > 0 && <span className="warn-text small"> ⚠ {row.warnings[0]}</span>}
                </span>
              </div>
            );
          })}
        </div>
      </div>
    </div>
  );
}
