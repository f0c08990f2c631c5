// When the page is too narrow for the image column to sit beside the forms, this line stays in
// view under the header: the build's state, the digest that names the image, and each config
// field in error as a link to it.

import { useMemo } from 'react';
import { toImageSpecs, type FieldName } from '../model/to-spec.ts';
import { useComposer } from '../store/index.ts';
import { selectBuildStatus, selectComposition, selectImage } from '../store/selectors.ts';

const LABELS: Record<FieldName, string> = {
  entrypoint: 'Entrypoint', cmd: 'Cmd', env: 'Environment', ports: 'Exposed ports', labels: 'Labels', volumes: 'Volumes',
  workingDir: 'Working directory', user: 'User', stopSignal: 'Stop signal', annotations: 'Manifest annotations',
  created: 'Created', name: 'Image name', platform: 'Platforms',
};
const STATUS: Record<string, string> = {
  ready: 'Up to date', building: 'Building…', pending: 'Updating…', invalid: 'Fix the fields below', failed: 'Build failed', cancelled: 'Build cancelled', base: 'Waiting for the base image', idle: 'Waiting for the first build',
};

export function ResultSummary() {
  const composition = useComposer(selectComposition);
  const status = useComposer(selectBuildStatus);
  const image = useComposer(selectImage);
  const invalid = useMemo(() => {
    const fields = new Set<FieldName>();
    for (const { result } of toImageSpecs(composition)) {
      for (const [field, problems] of Object.entries(result.problems) as [FieldName, { severity: string }[]][]) {
        if (problems?.some((p) => p.severity === 'error')) fields.add(field);
      }
    }
    return [...fields];
  }, [composition]);
  const digest = image?.imageIndex?.descriptor.digest ?? image?.images[0]?.manifest.descriptor.digest;
  return (
    <div className="result-summary" aria-label="Image summary">
      <span className={`summary-status status-${status}`}>{STATUS[status] ?? status}</span>
      {invalid.length > 0 && (
        <span className="summary-invalid">
          {invalid.length} field{invalid.length === 1 ? '' : 's'} in error:{' '}
          {invalid.map((field, i) => (
            <span key={field}>{i > 0 && ', '}<a href={`#field-${field}`}>{LABELS[field]}</a></span>
          ))}
        </span>
      )}
      {digest && status !== 'invalid' && <span className="mono small summary-digest" title={digest}>{digest.slice(0, 19)}…</span>}
      <a className="small" href="#result-heading">to the image</a>
    </div>
  );
}
