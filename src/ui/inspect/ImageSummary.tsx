// What was opened: file (or registry reference), format recognised from its content, names,
// counts, how long it took; and for multi-platform images, every manifest with its platform to
// pick from.

import type { ImageView } from '../../core/inspect/views.ts';
import { editThisImage, selectManifest } from './actions.ts';
import { cancelBaseReading } from '../compose/base-loader.ts';
import { useInspector } from './store.ts';
import { platformText } from './structure/blob-index.ts';
import { ByteSize } from '../shared/ByteSize.tsx';
import { count } from '../shared/format.ts';
import { PulledImage } from './pull/PulledImage.tsx';

const FORMAT: Record<ImageView['format'], string> = {
  'oci-layout': 'OCI image layout',
  'docker-save-oci': 'docker save (Docker 25+: OCI layout with manifest.json)',
  'docker-save-legacy': 'docker save (legacy: <id>/layer.tar)',
  registry: 'OCI distribution registry',
};
const KIND: Record<ImageView['archiveKind'], string> = { tar: 'in a tar', zip: 'in a zip', folder: 'as a folder', registry: '(pulled)' };

export function ImageSummary({ view }: { view: ImageView }) {
  const layerBytes = view.layers.reduce((n, l) => n + Math.max(l.descriptor.size, 0), 0);
  const choosing = useInspector((s) => s.choosingManifest);
  const chosen = choosing ?? view.selected;
  return (
    <section className="panel image-summary" aria-label="Opened archive">
      <div className="row">
        <h2 className="ellipsis">{view.fileName}</h2>
        <span className="format-tag" aria-label="Format">{view.formatGuessed ? 'probably ' : ''}{FORMAT[view.format]} {KIND[view.archiveKind]}{view.formatGuessed ? ', incomplete' : ''}</span>
      </div>
      <p className="muted small">
        {view.names.length > 0 && !view.pulledFrom && <>{view.names.join(', ')} · </>}
        {count(view.layers.length, 'layer')}, <ByteSize bytes={layerBytes} /> of layer blobs{!view.pulledFrom && <> · {count(view.archiveEntries, 'file')} in the archive</>} · structure read in {Math.round(view.openMs)} ms
      </p>
      {view.pulledFrom && <PulledImage view={view} />}
      <EditThisImage view={view} />
      {view.manifests.length > 1 && (
        <fieldset className="platform-picker">
          <legend>Platform ({view.manifests.length} manifests)</legend>
          {view.manifests.map((m) => (
            <label key={m.descriptor.digest} className="inline-field">
              <input type="radio" name="platform" checked={m.descriptor.digest === chosen} disabled={m.nestedIndex} onChange={() => m.descriptor.sha256 && void selectManifest(m.descriptor.sha256)} />
              {m.platform ? platformText(m.platform) : m.nestedIndex ? 'nested index' : 'no platform'}
              {m.attestation && <span className="muted"> (attestation)</span>}
            </label>
          ))}
          {choosing && <span className="muted small" role="status">loading that manifest…</span>}
        </fieldset>
      )}
    </section>
  );
}

/** The way from inspecting to editing: the chosen image becomes the base of a new composition. */
function EditThisImage({ view }: { view: ImageView }) {
  const editing = useInspector((s) => s.editing);
  const platforms = view.manifests.filter((m) => m.platform && !m.nestedIndex && !m.attestation).length;
  const reasons = view.editable === true ? null : view.editable.reasons;
  return (
    <div className="row edit-this">
      <button type="button" className="primary" disabled={reasons !== null || editing.status === 'running'} onClick={() => void editThisImage()}>
        Edit this image
      </button>
      {editing.status === 'running' && (
        <span className="muted small" role="status">
          Reading it as a base (every blob is verified first)… <button type="button" className="small" onClick={cancelBaseReading}>Cancel</button>
        </span>
      )}
      {reasons && <span className="muted small">Cannot be edited: {reasons.join('; ')}.</span>}
      {!reasons && editing.status !== 'running' && (
        <span className="muted small">
          Opens it in the composer: its layers stay as they are, your changes go in a layer on top.
          {platforms > 1 && ` All ${platforms} platforms are edited together: shared changes go to each.`}
        </span>
      )}
      {editing.status === 'failed' && <span className="error-text small" role="alert">{editing.error}</span>}
    </div>
  );
}
