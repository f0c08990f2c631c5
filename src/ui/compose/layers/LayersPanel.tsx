// The layer list: which layer new files go to, its history text (created_by), order, deletion,
// and whether the tree shows the merged filesystem or only the active layer.

import { useComposer } from '../store/index.ts';
import { selectActiveLayer, selectImage, selectLayers, selectViewMode } from '../store/selectors.ts';
import { ByteSize } from '../../shared/ByteSize.tsx';
import { Explainer, SPEC } from '../../shared/Explainer.tsx';

export function LayersPanel() {
  const layers = useComposer(selectLayers);
  const active = useComposer(selectActiveLayer);
  const viewMode = useComposer(selectViewMode);
  const image = useComposer(selectImage);
  const { setActiveLayer, setLayerCreatedBy, moveLayer, deleteLayer, addLayer, setViewMode } = useComposer.getState();

  return (
    <section className="layers" aria-labelledby="layers-heading">
      <div className="panel-head">
        <h2 id="layers-heading">
          Layers{' '}
          <Explainer topic="a layer" specHref={SPEC.layer}>
            A layer is a tar archive of changes to the filesystem. Layers stack bottom (L1) to top; a file in an upper layer hides the same path below.
          </Explainer>
        </h2>
        <div className="view-mode">
          <span className="muted" aria-hidden="true">Tree shows</span>
          <div className="segmented" role="radiogroup" aria-label="Tree shows">
            <label>
              <input type="radio" name="view-mode" checked={viewMode === 'merged'} onChange={() => setViewMode('merged')} />
              Merged
            </label>
            <label>
              <input type="radio" name="view-mode" checked={viewMode === 'layer'} onChange={() => setViewMode('layer')} />
              Active layer only
            </label>
          </div>
        </div>
      </div>
      <ol className="layer-list">
        {layers.map((layer, index) => {
          const count = Object.keys(layer.entries).length;
          const built = image?.images[0]?.layers[index];
          return (
            <li key={layer.id} className={index === active ? 'layer is-active' : 'layer'}>
              <label className="layer-pick">
                <input type="radio" name="active-layer" checked={index === active} onChange={() => setActiveLayer(index)} aria-label={`Active layer L${index + 1}`} />
                <span className="layer-tag">L{index + 1}</span>
              </label>
              <input
                className="layer-created-by mono"
                aria-label={`History text of layer L${index + 1}`}
                value={layer.createdBy}
                onChange={(e) => setLayerCreatedBy(index, e.target.value)}
                onFocus={() => setActiveLayer(index)}
              />
              <span className="muted layer-count">
                {count} {count === 1 ? 'entry' : 'entries'}
                {built && <> · <ByteSize bytes={built.descriptor.size} /></>}
              </span>
              <span className="layer-actions">
                <button type="button" className="icon-button" aria-label={`Move layer L${index + 1} down`} disabled={index === 0} onClick={() => moveLayer(index, -1)}>↓</button>
                <button type="button" className="icon-button" aria-label={`Move layer L${index + 1} up`} disabled={index === layers.length - 1} onClick={() => moveLayer(index, 1)}>↑</button>
                <button
                  type="button"
                  className="icon-button danger"
                  aria-label={`Delete layer L${index + 1}`}
                  disabled={layers.length === 1}
                  onClick={() => (count === 0 || confirm(`Delete layer L${index + 1} and its ${count} entries?`)) && deleteLayer(index)}
                >
                  ✕
                </button>
              </span>
            </li>
          );
        }).reverse()}
      </ol>
      <button type="button" onClick={addLayer}>Add layer</button>
    </section>
  );
}
