// How the image is written out: the layers' compression (as they are, gzip, zstd, or none) and
// squashing every layer into one. Recompressing is the clearest lesson of "a digest is not a
// diff_id": every layer digest changes, no diff_id does.

import { Explainer, SPEC } from '../../shared/Explainer.tsx';
import type { OutputOptions } from '../model/composition.ts';
import { useComposer } from '../store/index.ts';
import { selectOutput, selectView } from '../store/selectors.ts';

const COMPRESSIONS: { value: OutputOptions['compression']; label: string }[] = [
  { value: 'keep', label: 'Keep as is (new layers gzip)' },
  { value: 'gzip', label: 'gzip' },
  { value: 'zstd', label: 'zstd' },
  { value: 'none', label: 'Uncompressed tar' },
];

export function OutputOptionsForm() {
  const output = useComposer(selectOutput);
  const { base } = useComposer(selectView);
  const { setOutput } = useComposer.getState();
  return (
    <fieldset className="output-options">
      <legend>
        Output{' '}
        <Explainer topic="layer compression" specHref={SPEC.layer}>
          A layer's digest names its compressed bytes; its diff_id names the tar inside. Recompressing changes every digest (and so the manifest's) but never a diff_id.
        </Explainer>
      </legend>
      <label className="inline-field">
        <span>Layer compression</span>
        <select value={output.compression} onChange={(e) => setOutput({ compression: e.target.value as OutputOptions['compression'] })}>
          {COMPRESSIONS.map((c) => <option key={c.value} value={c.value}>{c.label}</option>)}
        </select>
      </label>
      <label className="inline-field">
        <input type="checkbox" checked={output.squash} onChange={(e) => setOutput({ squash: e.target.checked })} />
        <span>Squash all layers into one</span>
      </label>
      {(output.compression !== 'keep' || output.squash) && (
        <p className="muted small">
          {output.squash
            ? `One layer holds what every layer leaves visible; deleted files are simply absent.${base ? ' The base layers are no longer shared with the base image.' : ''}`
            : `Layers not already ${output.compression === 'none' ? 'uncompressed' : output.compression} are recompressed: their digests change, their diff_ids stay.`}
          {output.compression === 'zstd' && ' podman, skopeo and containerd read zstd layers; Docker 20.10 refuses them ("invalid tar header").'}
        </p>
      )}
    </fieldset>
  );
}
