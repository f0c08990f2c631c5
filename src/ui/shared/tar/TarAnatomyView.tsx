// A tar entry's bytes, annotated: each region (PAX or GNU header, its records, the ustar header,
// the first and last data blocks, the end-of-archive blocks) as a hex grid beside the list of its
// fields. Choosing a field lights its bytes; clicking a byte chooses the field it belongs to. The
// header's checksum is shown recomputed, with how. Renders a plain view from the worker only.

import { useState } from 'react';
import type { AnatomyRegion, TarAnatomy } from '../../../core/tar/anatomy.ts';
import type { AnatomySpan } from '../../../core/tar/anatomy-header.ts';
import { exactBytes } from '../format.ts';
import './tar-anatomy.css';

const hex = (n: number, width: number) => n.toString(16).padStart(width, '0');
const grouped = (n: number) => String(n).replace(/\B(?=(\d{3})+(?!\d))/g, ',');

export function TarAnatomyView({ anatomy, compression }: { anatomy: TarAnatomy; compression?: string }) {
  const { data, end } = anatomy;
  return (
    <div className="tar-anatomy">
      <p className="small">
        Offsets count bytes of the {compression && compression !== 'none' ? `uncompressed tar (the layer blob is ${compression})` : 'tar'}.
        {' '}Data: {exactBytes(data.size)} at offset {grouped(data.offset)} in {data.blocks} block{data.blocks === 1 ? '' : 's'}, then {data.padding} bytes of padding to 512.
        {' '}{'missing' in end ? end.missing : `The archive ends with ${end.zeroBlocks === 2 ? 'two zero blocks' : 'one zero block'} at offset ${grouped(end.offset)}${end.trailing ? `, then ${grouped(end.trailing)} bytes of record padding` : ''}.`}
      </p>
      {anatomy.notes.map((note) => <p key={note} className="small warn-text">{note}</p>)}
      {anatomy.regions.map((region) => <Region key={region.offset} region={region} />)}
    </div>
  );
}

function Region({ region }: { region: AnatomyRegion }) {
  const [chosen, setChosen] = useState<number | null>(null);
  const spanAt = (i: number) => region.spans.findIndex((s) => i >= s.start && i < s.start + s.length);
  const span = chosen === null ? undefined : region.spans[chosen];
  const title = `${region.title} at offset ${grouped(region.offset)}`;
  return (
    <div className={`anatomy-region anatomy-${region.kind}`} role="group" aria-label={title}>
      <h4>{title} <span className="muted small">{region.length} bytes</span></h4>
      {region.checksum && <Checksum check={region.checksum} />}
      {region.note && <p className="muted small">{region.note}</p>}
      <div className="anatomy-grid">
        <HexBlock bytes={region.bytes} offset={region.offset} spanAt={spanAt} chosen={span} onPick={(i) => setChosen(spanAt(i))} />
        <ol className="anatomy-fields" aria-label={`Fields of the ${region.title}`}>
          {region.spans.map((s, i) => (
            <li key={`${s.start}-${s.name}`}>
              <button type="button" className={`anatomy-field span-c${i % 6}${chosen === i ? ' is-chosen' : ''}`} aria-pressed={chosen === i} onClick={() => setChosen(chosen === i ? null : i)}>
                <span className="anatomy-name">{s.name}</span>
                <span className="muted small">{s.start}+{s.length}</span>
                <span className="anatomy-value mono">{s.value || (s.kind === 'field' ? '(empty)' : s.raw)}</span>
              </button>
            </li>
          ))}
        </ol>
      </div>
      {span && <SpanDetails span={span} offset={region.offset} />}
    </div>
  );
}

/** Runs of this many all-zero rows or more fold into one line (headers and padding are mostly zeros). */
const FOLD_ROWS = 3;

function HexBlock({ bytes, offset, spanAt, chosen, onPick }: { bytes: Uint8Array; offset: number; spanAt: (i: number) => number; chosen?: AnatomySpan; onPick(i: number): void }) {
  const isChosen = (i: number) => chosen !== undefined && i >= chosen.start && i < chosen.start + chosen.length;
  const foldable = (row: number) => {
    for (let i = row; i < Math.min(row + 16, bytes.length); i++) if (bytes[i] !== 0 || isChosen(i)) return false;
    return true;
  };
  const lines = [];
  for (let row = 0; row < bytes.length; row += 16) {
    let run = 0;
    while (row + run * 16 < bytes.length && foldable(row + run * 16)) run++;
    if (run >= FOLD_ROWS) {
      lines.push(<HexLine key={row} bytes={bytes} row={row} offset={offset} spanAt={spanAt} isChosen={isChosen} onPick={onPick} />);
      lines.push(<div key={`${row}-fold`} className="hex-fold muted">⋮ {run - 1} more rows of zeros</div>);
      row += (run - 1) * 16;
      continue;
    }
    lines.push(<HexLine key={row} bytes={bytes} row={row} offset={offset} spanAt={spanAt} isChosen={isChosen} onPick={onPick} />);
  }
  return <div className="anatomy-hex mono" aria-label="Bytes (click one to see its field)" role="group">{lines}</div>;
}

function HexLine({ bytes, row, offset, spanAt, isChosen, onPick }: { bytes: Uint8Array; row: number; offset: number; spanAt: (i: number) => number; isChosen: (i: number) => boolean; onPick(i: number): void }) {
  const hexCells = [];
  const textCells = [];
  for (let i = row; i < Math.min(row + 16, bytes.length); i++) {
    const look = `span-c${spanAt(i) % 6}${isChosen(i) ? ' is-chosen' : ''}`;
    const b = bytes[i];
    hexCells.push(<span key={i} className={`hex-byte ${look}`} data-offset={offset + i} onClick={() => onPick(i)}>{hex(b, 2)}</span>);
    textCells.push(<span key={i} className={`hex-char ${look}`} onClick={() => onPick(i)}>{b >= 0x20 && b < 0x7f ? String.fromCharCode(b) : '·'}</span>);
  }
  return <div className="hex-line"><span className="muted">{hex(offset + row, 8)}</span> <span className="hex-cells">{hexCells}</span> <span className="hex-text">{textCells}</span></div>;
}

function Checksum({ check }: { check: NonNullable<AnatomyRegion['checksum']> }) {
  return (
    <p className="small anatomy-checksum" aria-label="Checksum">
      chksum: the sum of the 512 header bytes, with the chksum field itself counted as eight spaces (8 × 0x20 = 256), is{' '}
      <strong className="checksum-computed">{check.computed}</strong> = octal {check.computed.toString(8)}; the field holds{' '}
      <strong className="checksum-stored">{check.stored ?? 'no number'}</strong>{check.ok ? ' ✓ they match' : ' ✗ they differ: readers refuse this header'}.
    </p>
  );
}

function SpanDetails({ span, offset }: { span: AnatomySpan; offset: number }) {
  return (
    <dl className="facts anatomy-details" aria-label="Chosen field">
      <dt>field</dt><dd><strong>{span.name}</strong> · bytes {grouped(offset + span.start)}–{grouped(offset + span.start + span.length - 1)} ({span.length})</dd>
      {span.raw && <><dt>raw</dt><dd className="mono">{span.raw}</dd></>}
      {span.value && <><dt>reads as</dt><dd className="mono">{span.value}</dd></>}
      <dt>meaning</dt><dd>{span.meaning}</dd>
    </dl>
  );
}
