// The file-level diff, filtered by kind, as a virtualised list: rows come from the worker a page
// at a time as they scroll into view, so 100 000 changes neither cross to this thread at once nor
// render at once. Each row links to the layer (of A or B) that made it what it is.

import { useEffect, useRef, useState } from 'react';
import { useVirtualizer } from '@tanstack/react-virtual';
import type { FileDiffRow } from '../../../core/fs/fs-diff.ts';
import type { CompareView, RowFilter } from '../../../core/inspect/compare.ts';
import { ChangeMark } from '../../shared/ChangeMark.tsx';
import { loadCompareRows } from './compare-actions.ts';
import { changeText, layerAnchor } from './compare-text.ts';

const ROW = 28;
const PAGE = 500;
const MAX_HEIGHT = 420;
const FILTERS: { id: RowFilter; label: string }[] = [
  { id: 'all', label: 'All' }, { id: 'added', label: 'Added' }, { id: 'removed', label: 'Removed' }, { id: 'changed', label: 'Changed' },
];
const MARK = { added: 'added', removed: 'deleted', changed: 'modified' } as const;

function LayerLink({ side, layer, prefix = '' }: { side: 'A' | 'B'; layer: number; prefix?: string }) {
  return <a className="layer-tag compare-layer-link" href={`#${layerAnchor(side, layer)}`} title={`${prefix}layer L${layer + 1} of ${side}`}>{prefix}{side} L{layer + 1}</a>;
}

export function CompareFiles({ view, generation }: { view: CompareView; generation: number }) {
  const [filter, setFilter] = useState<RowFilter>('all');
  const count = view.counts[filter];
  const scroller = useRef<HTMLDivElement>(null);
  const virtual = useVirtualizer({ count, getScrollElement: () => scroller.current, estimateSize: () => ROW, overscan: 20 });
  const items = virtual.getVirtualItems();
  const [pages, setPages] = useState<{ key: string; rows: Map<number, FileDiffRow[]> }>({ key: '', rows: new Map() });
  const key = `${generation}:${filter}`;
  const requested = useRef({ key: '', pages: new Set<number>() });
  const first = items[0]?.index ?? 0;
  const last = items.at(-1)?.index ?? -1;
  useEffect(() => {
    if (requested.current.key !== key) requested.current = { key, pages: new Set() };
    const want = requested.current;
    for (let page = Math.floor(first / PAGE); page <= Math.floor(last / PAGE); page++) {
      if (want.pages.has(page)) continue;
      want.pages.add(page);
      loadCompareRows(generation, filter, page * PAGE, Math.min(count, (page + 1) * PAGE)).then(
        (rows) => rows && requested.current === want && setPages((prev) => ({ key, rows: new Map(prev.key === key ? prev.rows : []).set(page, rows) })),
        () => want.pages.delete(page),
      );
    }
  }, [key, first, last, count, generation, filter]);
  const loaded = pages.key === key ? pages.rows : new Map<number, FileDiffRow[]>();
  return (
    <div className="compare-files">
      <div className="row" role="group" aria-label="Show">
        {FILTERS.map((f) => (
          <button key={f.id} type="button" aria-pressed={filter === f.id} onClick={() => setFilter(f.id)}>{f.label} ({view.counts[f.id]})</button>
        ))}
      </div>
      {count === 0 ? <p className="muted small">{filter === 'all' ? 'The two merged filesystems hold the same files, byte for byte.' : 'None.'}</p> : (
        <div className="compare-table" role="table" aria-label="File differences" aria-rowcount={count}>
          <div className="compare-row compare-header" role="row">
            <span role="columnheader">change</span><span role="columnheader">path</span><span role="columnheader">what differs</span><span role="columnheader">made by</span>
          </div>
          <div className="compare-scroll" ref={scroller} style={{ height: Math.min(MAX_HEIGHT, count * ROW + 4) }}>
            <div style={{ height: virtual.getTotalSize(), position: 'relative' }} role="rowgroup">
              {items.map((item) => {
                const row = loaded.get(Math.floor(item.index / PAGE))?.[item.index % PAGE];
                const place = { position: 'absolute', top: 0, transform: `translateY(${item.start}px)`, height: ROW, width: '100%' } as const;
                if (!row) return <div key={item.key} role="row" aria-rowindex={item.index + 2} className="compare-row" style={place}><span role="cell" className="muted">…</span></div>;
                return (
                  <div key={item.key} role="row" aria-rowindex={item.index + 2} className="compare-row" style={place} data-path={row.path} data-kind={row.kind}>
                    <span role="cell"><ChangeMark kind={MARK[row.kind]} /></span>
                    <span role="cell" className="mono compare-path" title={`/${row.path}`}>/{row.path}</span>
                    <span role="cell" className="small compare-what" title={changeText(row)}>{changeText(row)}</span>
                    <span role="cell" className="compare-layers">
                      {row.a && <LayerLink side="A" layer={row.a.layer} />}
                      {row.b && <LayerLink side="B" layer={row.b.layer} />}
                      {row.removedBy !== undefined && <LayerLink side="B" layer={row.removedBy} prefix="removed in " />}
                    </span>
                  </div>
                );
              })}
            </div>
          </div>
        </div>
      )}
    </div>
  );
}
