// How a file change reads in the comparison list: what differs, old -> new.

import type { FileDiffRow } from '../../../core/fs/fs-diff.ts';
import { humanBytes, octalMode } from '../../shared/format.ts';

export function changeText(row: FileDiffRow): string {
  const { a, b } = row;
  if (row.kind !== 'changed') {
    const side = (a ?? b)!;
    return side.type === 'file' ? `file, ${humanBytes(side.size)}` : side.type + (side.linkname ? ` → ${side.linkname}` : '');
  }
  const parts = row.changes.map((change) => {
    switch (change) {
      case 'type': return `type ${a!.type} → ${b!.type}`;
      case 'content': return a!.size === b!.size ? `content (same size, other bytes)` : `content ${humanBytes(a!.size)} → ${humanBytes(b!.size)}`;
      case 'mode': return `mode ${octalMode(a!.mode)} → ${octalMode(b!.mode)}`;
      case 'owner': return `owner ${a!.uid}:${a!.gid} → ${b!.uid}:${b!.gid}`;
      case 'link': return `link ${a!.linkname ?? '—'} → ${b!.linkname ?? '—'}`;
    }
  });
  if (row.contentUnknown) parts.push('content not compared (too large to read)');
  return parts.join(' · ');
}

export const layerAnchor = (side: 'A' | 'B', layer: number) => `compare-${side}-L${layer + 1}`;
