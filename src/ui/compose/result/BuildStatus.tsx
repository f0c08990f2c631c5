// What the worker is doing: progress of the layer being built (bytes, rate) with Cancel, or why
// the result is not current (field errors, failure, cancelled).

import { ProgressLine } from '../../shared/ProgressLine.tsx';
import { cancelBuild, rebuildNow } from '../build-runner.ts';
import { useComposer } from '../store/index.ts';
import { isEmptyComposition } from '../model/composition.ts';
import { selectBuildError, selectBuildStatus, selectProgress } from '../store/selectors.ts';

export function BuildStatus() {
  const status = useComposer(selectBuildStatus);
  const progress = useComposer(selectProgress);
  const error = useComposer(selectBuildError);
  const empty = useComposer((s) => isEmptyComposition(s.composition));
  const importing = useComposer((s) => s.importing);

  if (importing) {
    return (
      <div className="build-status building" role="status">
        <span>Adding {importing.files} file{importing.files === 1 ? '' : 's'}… {importing.done} of {importing.files} read</span>
        <progress value={importing.done} max={Math.max(1, importing.files)} aria-label="Files being added" />
      </div>
    );
  }
  if (status === 'building') {
    return <ProgressLine what={progress?.what ?? 'Building'} progress={progress} onCancel={cancelBuild} label="Layer build progress" />;
  }
  if (status === 'pending') return <div className="build-status" role="status">Updating…</div>;
  if (status === 'base') return <div className="build-status warn" role="status">Waiting for the base image: see the Layers panel.</div>;
  if (status === 'invalid') return <div className="build-status warn" role="status">Fix the marked config fields to update the image.</div>;
  if (status === 'failed') {
    return (
      <div className="build-status error" role="alert">
        Build failed: {error} <button type="button" onClick={rebuildNow}>Try again</button>
      </div>
    );
  }
  if (status === 'cancelled') {
    return (
      <div className="build-status warn" role="status">
        Build cancelled; the result below is out of date. <button type="button" onClick={rebuildNow}>Build now</button>
      </div>
    );
  }
  if (status === 'ready' && empty) {
    return <div className="build-status warn" role="status">Empty image: no files and no command yet. Add files, or pick a starting point under Filesystem.</div>;
  }
  if (status === 'ready') return <div className="build-status ok" role="status">Up to date</div>;
  return <div className="build-status" role="status">Waiting for the first build…</div>;
}
