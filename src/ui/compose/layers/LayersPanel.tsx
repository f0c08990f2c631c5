// The layer list: which layer new files go to, its history text (created_by), order, deletion,
// and whether the tree shows the merged filesystem or only the active layer. When editing an
// image, the base image's layers sit below, read-only, with their history and digests.

import { useComposer } from '../store/index.ts';
import { selectActiveLayer, selectImage, selectPlatforms, selectView, selectViewMode } from '../store/selectors.ts';
import { ByteSize } from '../../shared/ByteSize.tsx';
import { Explainer, SPEC } from '../../shared/Explainer.tsx';
import { baseCount } from '../model/composition.ts';
import { layerName } from '../model/stack.ts';
import { platformFilesDiffer } from '../model/platforms.ts';
import { BaseLayers } from './BaseLayers.tsx';

export function LayersPanel() {
  const view = useComposer(selectView);
  const platforms = useComposer(selectPlatforms);
  const active = useComposer(selectActiveLayer);
  const viewMode = useComposer(selectViewMode);
  const image = useComposer(selectImage);
  const { layers, base } = view;
  const below = baseCount(view);
  const built = image?.images[platforms.indexOf(view.platform)];
  const { setActiveLayer, setLayerCreatedBy, setLayerPerPlatform, moveLayer, deleteLayer, addLayer, setViewMode } = useComposer.getState();
  /** Moves a layer; focus stays on its move buttons (the other one when this one is now disabled). */
  const move = (button: HTMLButtonElement, index: number, delta: -1 | 1) => {
    const item = button.closest('li');
    moveLayer(index, delta);
    requestAnimationFrame(() => {
      const buttons = [...(item?.querySelectorAll<HTMLButtonElement>('.layer-actions button') ?? [])];
      (buttons.find((b) => b.getAttribute('aria-label')?.includes(delta < 0 ? 'down' : 'up') && !b.disabled) ?? buttons.find((b) => !b.disabled))?.focus();
    });
  };
  const togglePerPlatform = (index: number, perPlatform: boolean) => {
    const layer = useComposer.getState().composition.layers[index];
    const dropping = !perPlatform && platformFilesDiffer(layer);
    if (!dropping || confirm(`Share layer ${layerName(below + index)} between all platforms? It keeps ${view.platform.os}/${view.platform.architecture}'s files; the other platforms' own files in it are dropped.`)) {
      setLayerPerPlatform(index, perPlatform);
    }
  };

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
          const count = Object.keys(layer.entries).length + layer.deleted.length;
          const blob = built?.layers[below + index];
          const tag = layerName(below + index);
          return (
            <li key={layer.id} className={index === active ? 'layer is-active' : 'layer'}>
              <label className="layer-pick">
                <input type="radio" name="active-layer" checked={index === active} onChange={() => setActiveLayer(index)} aria-label={`Active layer ${tag}`} />
                <span className="layer-tag">{tag}</span>
              </label>
              <input
                className="layer-created-by mono"
                aria-label={`History text of layer ${tag}`}
                value={layer.createdBy}
                onChange={(e) => setLayerCreatedBy(index, e.target.value)}
                onFocus={() => setActiveLayer(index)}
              />
              <span className="muted layer-count">
                {count} {count === 1 ? 'entry' : 'entries'}
                {layer.deleted.length > 0 && <> ({layer.deleted.length} deleted)</>}
                {blob && <> · <ByteSize bytes={blob.descriptor.size} /></>}
                {platforms.length > 1 && (
                  <label className="per-platform">
                    <input type="checkbox" checked={!!layer.perPlatform} onChange={(e) => togglePerPlatform(index, e.target.checked)} aria-label={`Layer ${tag} has files per platform`} />
                    per platform
                  </label>
                )}
              </span>
              <span className="layer-actions">
                <button type="button" className="icon-button" aria-label={`Move layer ${tag} down`} disabled={index === 0} onClick={(e) => move(e.currentTarget, index, -1)}>↓</button>
                <button type="button" className="icon-button" aria-label={`Move layer ${tag} up`} disabled={index === layers.length - 1} onClick={(e) => move(e.currentTarget, index, 1)}>↑</button>
                <button
                  type="button"
                  className="icon-button danger"
                  aria-label={`Delete layer ${tag}`}
                  disabled={layers.length === 1}
                  onClick={() => (count === 0 || confirm(`Delete layer ${tag} and its ${count} entries?`)) && deleteLayer(index)}
                >
                  ✕
                </button>
              </span>
            </li>
          );
        }).reverse()}
      </ol>
      {base && <BaseLayers base={base} />}
      <button type="button" onClick={addLayer}>Add layer</button>
    </section>
  );
}
