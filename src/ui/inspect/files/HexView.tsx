// A binary file as `hexdump -C` shows it: offset, 16 bytes in hex, and the printable characters.
// Rows are formatted only when they scroll into view.

import { useRef } from 'react';
import { useVirtualizer } from '@tanstack/react-virtual';

const ROW = 18;
const hex = (n: number, width: number) => n.toString(16).padStart(width, '0');

function formatRow(bytes: Uint8Array, offset: number): string {
  const slice = bytes.subarray(offset, offset + 16);
  let hexPart = '';
  let text = '';
  for (let i = 0; i < 16; i++) {
    hexPart += i < slice.length ? `${hex(slice[i], 2)} ` : '   ';
    if (i === 7) hexPart += ' ';
    if (i < slice.length) text += slice[i] >= 0x20 && slice[i] < 0x7f ? String.fromCharCode(slice[i]) : '.';
  }
  return `${hex(offset, 8)}  ${hexPart} |${text}|`;
}

export function HexView({ bytes, label }: { bytes: Uint8Array; label: string }) {
  const scroller = useRef<HTMLDivElement>(null);
  const rows = Math.ceil(bytes.length / 16);
  const virtual = useVirtualizer({ count: rows, getScrollElement: () => scroller.current, estimateSize: () => ROW, overscan: 20 });
  return (
    <div className="hex-view" ref={scroller} aria-label={label} role="region" tabIndex={0}>
      <div style={{ height: virtual.getTotalSize(), position: 'relative' }}>
        {virtual.getVirtualItems().map((item) => (
          <div key={item.key} className="hex-row" style={{ position: 'absolute', top: 0, transform: `translateY(${item.start}px)`, height: ROW }}>
            {formatRow(bytes, item.index * 16)}
          </div>
        ))}
      </div>
    </div>
  );
}
