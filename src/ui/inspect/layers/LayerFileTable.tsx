// One layer's files as `tar -tv` prints them (type+mode, owner, size, mtime, name, link), with
// what each entry does to the layers below: added, modified or deleted (colour + icon + word).
// Virtualised, so 100 000 entries scroll smoothly; a row opens the file's preview.

import { useRef } from 'react';
import { useVirtualizer } from '@tanstack/react-virtual';
import { ChangeMark } from '../../shared/ChangeMark.tsx';
import type { LayerRow } from '../../../worker/inspect-types.ts';

const ROW = 26;

export function LayerFileTable({ rows, layer, selectedPath, onOpen }: { rows: LayerRow[]; layer: number; selectedPath?: string; onOpen(row: LayerRow): void }) {
  const scroller = useRef<HTMLDivElement>(null);
  const virtual = useVirtualizer({ count: rows.length, getScrollElement: () => scroller.current, estimateSize: () => ROW, overscan: 12 });
  return (
    <div className="tv-table" role="table" aria-label={`Files in layer L${layer + 1}`} aria-rowcount={rows.length}>
      <div className="tv-row tv-header" role="row">
        <span role="columnheader">change</span>
        <span role="columnheader">mode</span>
        <span role="columnheader">owner</span>
        <span role="columnheader" className="tv-size">size</span>
        <span role="columnheader">mtime (UTC)</span>
        <span role="columnheader">name</span>
      </div>
      <div className="tv-scroll" ref={scroller}>
        <div style={{ height: virtual.getTotalSize(), position: 'relative' }} role="rowgroup">
          {virtual.getVirtualItems().map((item) => {
            const row = rows[item.index];
            const hidden = row.hiddenBy !== undefined;
            return (
              <div
                key={item.key}
                role="row"
                aria-rowindex={item.index + 2}
                tabIndex={0}
                className={`tv-row${hidden ? ' is-hidden' : ''}${row.path === selectedPath ? ' is-selected' : ''}`}
                style={{ position: 'absolute', top: 0, transform: `translateY(${item.start}px)`, height: ROW, width: '100%' }}
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
