// The merged filesystem, as a container would see it: each entry tagged with the layer it comes
// from, entries hidden by later layers struck through at their place, the largest files, and the
// space wasted by hiding, per layer and in total.

import { useMemo, useState } from 'react';
import { ByteSize } from '../../shared/ByteSize.tsx';
import { Explainer, SPEC } from '../../shared/Explainer.tsx';
import { FsTree } from '../../shared/tree/FsTree.tsx';
import { parseTreeKey } from '../../../core/fs/tree-keys.ts';
import type { FilesystemView } from '../../../core/inspect/views.ts';
import type { FsTreeNode } from '../../../core/fs/tree-node.ts';
import { previewFile } from '../actions.ts';
import { useInspector } from '../store.ts';
import { ProblemList } from '../ProblemList.tsx';
import { FilePreviewPanel } from './FilePreviewPanel.tsx';
import { EfficiencyPanel } from '../efficiency/EfficiencyPanel.tsx';

/** `error`: why the merged tree or the efficiency could not be made (the rest of the view stands). */
export function FilesystemTab({ fs, error }: { fs: FilesystemView; error: string | null }) {
  const missing = (what: string, waiting: string) => (error
    ? <p className="warning-text small tree-waiting" role="alert">{what} could not be made: {error}</p>
    : <p className="muted small tree-waiting" role="status">{waiting}</p>);
  const request = useInspector((s) => s.preview.request);
  return (
    <div className="fs-grid">
      <section className="panel" aria-labelledby="merged-heading">
        <div className="panel-head">
          <h2 id="merged-heading">Merged filesystem</h2>
          <Explainer topic="the merged filesystem" specHref={SPEC.whiteouts} alignEnd>
            What a container sees: the layers applied bottom to top. A later layer can replace a file or delete it with a whiteout (<code>.wh.name</code>); the older copy is still shipped in its layer. Struck-through entries are such hidden copies.
          </Explainer>
        </div>
        <p className="muted small">{fs.fileCount} files and links, <ByteSize bytes={fs.totalBytes} /> of visible files · read in {Math.round(fs.analyseMs)} ms</p>
        {fs.layers.filter((l) => l.listed && !l.complete).map((l) => (
          <p key={l.index} className="warning-text small incomplete-layer" role="alert">
            Layer L{l.index + 1} could not be read to its end ({l.problems.find((p) => p.severity === 'error')?.message ?? 'its data is broken'}): this view shows only its {l.rowCount} entries before that point, so the image is not what a container would get.
          </p>
        ))}
        <div className="tree-area">
          {fs.tree ? <MergedTree tree={fs.tree} /> : missing('The merged tree', 'Reading the merged tree…')}
        </div>
        <ProblemList problems={fs.problems} title="Merge problems" />
      </section>
      <div className="column">
        <section className="panel" aria-label="Selected file">
          <FilePreviewPanel key={request ? `${request.layer}:${request.path}` : 'none'} />
        </section>
        <section className="panel" aria-labelledby="wasted-heading">
          <h2 id="wasted-heading">Wasted space: <ByteSize bytes={fs.wastedTotal} /></h2>
          <p className="muted small">Bytes a layer ships that a later layer hides (overwrites or deletes): downloaded and stored, never seen.</p>
          <table className="plain-table">
            <thead><tr><th>layer</th><th>wasted</th><th>entries</th></tr></thead>
            <tbody>
              {fs.layers.map((l) => (
                <tr key={l.index}><td><span className="layer-tag">L{l.index + 1}</span></td><td><ByteSize bytes={l.wastedBytes} /></td><td>{l.listed ? l.rowCount : 'not read'}</td></tr>
              ))}
            </tbody>
          </table>
        </section>
        {fs.efficiency ? <EfficiencyPanel report={fs.efficiency} /> : <div className="panel">{missing("dive's efficiency", "Computing dive's efficiency…")}</div>}
        <section className="panel" aria-labelledby="largest-heading">
          <h2 id="largest-heading">Largest files</h2>
          <ol className="largest-list">
            {fs.largest.slice(0, 20).map((f) => (
              <li key={f.path}>
                <button type="button" className="link-button mono" onClick={() => void previewFile({ layer: f.layer, path: f.path })}>/{f.path}</button>
                <span className="layer-tag">L{f.layer + 1}</span>
                <ByteSize bytes={f.size} />
              </li>
            ))}
          </ol>
        </section>
      </div>
    </div>
  );
}

/** The merged tree itself; choosing an entry previews it from the layer it comes from. */
function MergedTree({ tree }: { tree: FsTreeNode[] }) {
  const [selected, setSelected] = useState<string[]>([]);
  const initiallyOpen = useMemo(() => new Set(tree.filter((n) => n.children && n.children.length <= 50).map((n) => n.id)), [tree]);
  const [expanded, setExpanded] = useState<Set<string>>(initiallyOpen);
  const layerOf = useMemo(() => {
    const map = new Map<string, number>();
    const stack = [...tree];
    while (stack.length) {
      const n = stack.pop()!;
      if (n.origin) map.set(n.id, Number(n.origin.slice(1)) - 1);
      if (n.children) for (const child of n.children) stack.push(child);
    }
    return map;
  }, [tree]);
  const open = (key: string) => {
    const layer = layerOf.get(key);
    if (layer === undefined) return;
    void previewFile({ layer, path: parseTreeKey(key).path });
  };
  return (
    <FsTree
      label="Merged filesystem"
      nodes={tree}
      selectedKeys={selected}
      onSelectionChange={(keys) => {
        setSelected(keys);
        if (keys.length === 1) open(keys[0]);
      }}
      expandedKeys={expanded}
      onExpandedChange={setExpanded}
    />
  );
}
