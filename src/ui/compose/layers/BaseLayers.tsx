// The base image of an edit in the layers panel: where it came from, its layers read-only (top
// first, as the list above), and, while its archive is being read or must be given again, that
// state with progress or a file picker. Each base layer is copied into the output byte for byte.

import { ByteSize } from '../../shared/ByteSize.tsx';
import { DigestText } from '../../shared/DigestText.tsx';
import { Explainer } from '../../shared/Explainer.tsx';
import { FilePickButton } from '../../shared/PickButton.tsx';
import { ProgressLine } from '../../shared/ProgressLine.tsx';
import { humanBytes } from '../../shared/format.ts';
import { cancelBaseReading, reloadBase } from '../base-loader.ts';
import type { ComposeBase } from '../model/composition.ts';
import { layerName } from '../model/stack.ts';
import { useComposer } from '../store/index.ts';
import { selectBaseReading } from '../store/selectors.ts';

export function BaseLayers({ base }: { base: ComposeBase }) {
  const { source } = base;
  return (
    <section className="base-layers" aria-label="Base image">
      <div className="base-head">
        <span>
          Base image <strong className="mono">{source.names[0] ?? source.fileName}</strong>{' '}
          <span className="muted">· {source.platform}{source.names[0] ? ` · from ${source.fileName}` : ''}</span>
        </span>
        <Explainer topic="a base image">
          These layers come from the image you started from. They are copied into your image byte for byte: same digests, same diff_ids. Your changes go in the layers above; deleting a base file writes a whiteout there.
        </Explainer>
      </div>
      {source.otherPlatforms.length > 0 && (
        <p className="muted small">
          The archive also holds {source.otherPlatforms.join(', ')}; this edit is {source.platform} only, so the image you download has that one platform.
        </p>
      )}
      <BaseReadingState base={base} />
      <ol className="layer-list">
        {base.layers.map((layer, index) => (
          <li key={`${layer.descriptor.digest}-${index}`} className="layer is-base">
            <span className="layer-pick">
              <span className="layer-tag">{layerName(index)}</span>
              <span className="base-badge">base</span>
            </span>
            <span className="layer-created-by mono ellipsis" title={layer.createdBy}>{layer.createdBy || <span className="muted">no history text</span>}</span>
            <span className="muted layer-count">
              <ByteSize bytes={layer.descriptor.size} /> · <DigestText digest={layer.descriptor.digest} label={`Base layer ${layerName(index)} digest`} />
            </span>
          </li>
        )).reverse()}
      </ol>
    </section>
  );
}

function BaseReadingState({ base }: { base: ComposeBase }) {
  const reading = useComposer(selectBaseReading);
  const { source } = base;
  if (reading?.state === 'reading') return <ProgressLine what={`Reading the base image ${reading.fileName}`} progress={reading.progress} onCancel={cancelBaseReading} />;
  if (base.loaded) return null;
  if (reading?.state !== 'missing') return <div className="build-status" role="status">Reading the base image…</div>;
  return (
    <div className="build-status warn base-missing" role="status">
      <p>
        This edit is based on <strong className="mono">{source.fileName}</strong> ({humanBytes(source.size)}, manifest <DigestText digest={source.manifestDigest} />),
        which this browser does not hold any more. Your changes are safe; pick that file again to go on.
      </p>
      {reading.error && <p role="alert" className="error-text">{reading.error}</p>}
      <FilePickButton label="Pick the base image archive again" primary onFile={(file) => void reloadBase(file, file.name, { keep: true })}>
        Pick {source.fileName}
      </FilePickButton>
    </div>
  );
}
