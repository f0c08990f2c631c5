// The region "Comparison": the opened image (A) beside another (B): their layers matched by
// diff_id, their configs field by field, and the files that differ, each linked to the layer
// that made it. Shown while a comparison runs or is open; Close ends it.

import { useState } from 'react';
import type { CompareView } from '../../../core/inspect/compare.ts';
import { ByteSize } from '../../shared/ByteSize.tsx';
import { DigestText } from '../../shared/DigestText.tsx';
import { count } from '../../shared/format.ts';
import { ProgressLine } from '../../shared/ProgressLine.tsx';
import { ProblemList } from '../ProblemList.tsx';
import { cancelCompare, closeCompare } from './compare-actions.ts';
import { useCompare } from './compare-store.ts';
import { layerAnchor } from './compare-text.ts';
import { CompareFiles } from './CompareFiles.tsx';
import './compare.css';

const STATUS = { shared: ['=', 'shared'], 'only A': ['−', 'only in A'], 'only B': ['+', 'only in B'] } as const;

export function ComparePanel() {
  const { status, against, progress, view, error, generation } = useCompare();
  if (status === 'idle') return null;
  return (
    <section className="panel comparison" aria-labelledby="comparison-heading">
      <div className="panel-head">
        <h2 id="comparison-heading">Comparison</h2>
        <button type="button" onClick={closeCompare}>Close comparison</button>
      </div>
      <p className="small">B is {against}.</p>
      {status === 'running' && <ProgressLine what={`Reading the layers of ${progress?.side ?? 'A'}`} progress={progress} onCancel={cancelCompare} label="Comparison progress" />}
      {status === 'failed' && <p className="notice notice-error" role="alert">Could not compare: {error}</p>}
      {status === 'cancelled' && <p className="muted" role="status">The comparison was cancelled.</p>}
      {view && <CompareBody view={view} generation={generation} />}
    </section>
  );
}

function CompareBody({ view, generation }: { view: CompareView; generation: number }) {
  const [showSame, setShowSame] = useState(false);
  const same = view.config.filter((f) => f.status === 'same').length;
  const shown = view.config.filter((f) => showSame || f.status !== 'same');
  return (
    <>
      <p className="small compare-summary">
        A: <strong>{view.a.label}</strong>, {count(view.a.layers, 'layer')}, {count(view.a.files, 'file')} (<ByteSize bytes={view.a.bytes} />) ·
        B: <strong>{view.b.label}</strong>, {count(view.b.layers, 'layer')}, {count(view.b.files, 'file')} (<ByteSize bytes={view.b.bytes} />) ·
        compared in {Math.round(view.compareMs)} ms
      </p>
      <h3>Layers, matched by diff_id</h3>
      <table className="plain-table compare-layers-table">
        <thead><tr><th scope="col">match</th><th scope="col">A</th><th scope="col">diff_id</th><th scope="col">B</th></tr></thead>
        <tbody>
          {view.layers.map((m, i) => (
            <tr key={i} className={`compare-${m.status.replace(' ', '-')}`}>
              <td><span aria-hidden="true">{STATUS[m.status][0]} </span>{STATUS[m.status][1]}</td>
              <td id={m.a ? layerAnchor('A', m.a.index) : undefined}>{m.a ? <LayerCell layer={m.a} side="A" /> : '—'}</td>
              <td>{m.diffId ? <DigestText digest={m.diffId} /> : '—'}</td>
              <td id={m.b ? layerAnchor('B', m.b.index) : undefined}>{m.b ? <LayerCell layer={m.b} side="B" /> : '—'}</td>
            </tr>
          ))}
        </tbody>
      </table>
      <h3>Config, field by field</h3>
      {shown.length === 0 ? <p className="muted small">Every field is the same.</p> : (
        <table className="plain-table compare-config">
          <thead><tr><th scope="col">field</th><th scope="col">A</th><th scope="col">B</th></tr></thead>
          <tbody>
            {shown.map((f) => (
              <tr key={f.path} className={`compare-field-${f.status.replace(' ', '-')}`}>
                <th scope="row" className="mono">{f.path}</th>
                <td className="mono">{f.a ?? <span className="muted">(none)</span>}</td>
                <td className="mono">{f.b ?? <span className="muted">(none)</span>}</td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
      {same > 0 && <button type="button" className="small" aria-pressed={showSame} onClick={() => setShowSame(!showSame)}>{showSame ? 'Hide' : 'Show'} the {count(same, 'field')} that are the same</button>}
      <h3>Files</h3>
      <p className="small">{count(view.counts.added, 'path')} added, {count(view.counts.removed, 'path')} removed, {count(view.counts.changed, 'path')} changed{view.contentUnknown > 0 ? ` (${view.contentUnknown} too large to compare by content)` : ''}.</p>
      <CompareFiles view={view} generation={generation} />
      <ProblemList problems={view.problems} title="Comparison problems" />
    </>
  );
}

function LayerCell({ layer, side }: { layer: NonNullable<CompareView['layers'][number]['a']>; side: 'A' | 'B' }) {
  return (
    <span className="compare-layer">
      <span className="layer-tag">{side} L{layer.index + 1}</span> <ByteSize bytes={layer.size} />
      {layer.createdBy && <code className="ellipsis compare-created" title={layer.createdBy}>{layer.createdBy}</code>}
    </span>
  );
}
