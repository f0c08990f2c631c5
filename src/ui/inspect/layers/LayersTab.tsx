// The layers in order with the history that made them (paired past empty_layer entries, which
// are shown between them), each layer's digest, diff_id and their check, its wasted bytes, and the
// chosen layer's file list with a preview of the chosen file.

import { ByteSize } from '../../shared/ByteSize.tsx';
import { count } from '../../shared/format.ts';
import { DigestText } from '../../shared/DigestText.tsx';
import { previewFile } from '../actions.ts';
import { useInspector } from '../store.ts';
import { blobHref } from '../structure/blob-index.ts';
import { VerifyBadge } from '../structure/VerifyBadge.tsx';
import { FilePreviewPanel } from '../files/FilePreviewPanel.tsx';
import { ProblemList } from '../ProblemList.tsx';
import { LayerFileTable } from './LayerFileTable.tsx';
import type { ImageView } from '../../../core/inspect/views.ts';

export function LayersTab({ view }: { view: ImageView }) {
  const fs = useInspector((s) => s.fs.view);
  const selected = useInspector((s) => s.selectedLayer);
  const selectLayer = useInspector((s) => s.selectLayer);
  const layerChecks = useInspector((s) => s.verify.layers);
  const preview = useInspector((s) => s.preview.request);
  // History in order: layers and empty_layer entries interleaved by their history index.
  type Item = { kind: 'layer'; index: number; at: number } | { kind: 'empty'; createdBy?: string; at: number };
  const items: Item[] = [
    ...view.layers.map((l, i) => ({ kind: 'layer' as const, index: l.index, at: l.history?.index ?? Number.MAX_SAFE_INTEGER - view.layers.length + i })),
    ...view.emptyHistory.map((h) => ({ kind: 'empty' as const, createdBy: h.createdBy, at: h.index })),
  ].sort((a, b) => a.at - b.at);
  const files = fs?.layers[selected];
  return (
    <div className="layers-grid">
      <section className="panel" aria-labelledby="layer-list-heading">
        <h2 id="layer-list-heading">Layers and history</h2>
        {fs && <p className="muted small">Wasted space (bytes hidden by later layers): <ByteSize bytes={fs.wastedTotal} /> in total</p>}
        <ol className="history-list">
          {items.map((item) => {
            if (item.kind === 'empty') {
              return <li key={`h${item.at}`} className="history-empty" title="empty_layer: this step changed only the config"><span className="layer-tag muted">—</span> <code className="ellipsis">{item.createdBy ?? '(no created_by)'}</code> <span className="muted small">no layer</span></li>;
            }
            const layer = view.layers[item.index];
            const check = layerChecks[layer.index];
            const listed = fs?.layers[layer.index];
            return (
              <li key={`l${layer.index}`}>
                <button type="button" className={`layer-card${selected === layer.index ? ' is-active' : ''}`} aria-pressed={selected === layer.index} onClick={() => selectLayer(layer.index)}>
                  <span className="layer-tag">L{layer.index + 1}</span>
                  <code className="layer-created-by">{layer.history?.createdBy ?? '(no history entry)'}</code>
                </button>
                <dl className="facts">
                  <dt>digest</dt>
                  <dd><DigestText digest={layer.descriptor.digest} href={blobHref(layer.descriptor.digest)} label={`Layer L${layer.index + 1} digest`} /></dd>
                  <dt>diff_id</dt>
                  <dd>{layer.diffId ? <DigestText digest={layer.diffId} label={`Layer L${layer.index + 1} diff_id`} /> : <span className="muted">none in the config</span>} {check ? <VerifyBadge status={check.status} title={check.message} /> : null}</dd>
                  <dt>size</dt>
                  <dd><ByteSize bytes={layer.descriptor.size} /> {check?.compression ?? layer.declaredCompression ?? ''}{check?.tarSize !== undefined && <> · <ByteSize bytes={check.tarSize} /> tar</>}</dd>
                  {listed && <><dt>files</dt><dd>{count(listed.rowCount, 'entry', 'entries')} · wasted <ByteSize bytes={listed.wastedBytes} /></dd></>}
                  {layer.history?.created && <><dt>created</dt><dd className="small">{layer.history.created}</dd></>}
                </dl>
                {check && check.status === 'mismatch' && <p className="blob-problem small">{check.message}</p>}
              </li>
            );
          })}
        </ol>
      </section>
      <section className="panel layer-files" aria-labelledby="layer-files-heading">
        <h2 id="layer-files-heading">Files in L{selected + 1}</h2>
        {!fs && <p className="muted">Reading layers…</p>}
        {files && !files.listed && <p className="muted">This layer was not read.</p>}
        {files && <ProblemList problems={files.problems} title={`L${selected + 1} problems`} />}
        {files?.listed && <LayerFileTable files={files} selectedPath={preview?.layer === selected ? preview.path : undefined} onOpen={(row) => void previewFile({ layer: selected, path: row.path })} />}
        <FilePreviewPanel />
      </section>
    </div>
  );
}
