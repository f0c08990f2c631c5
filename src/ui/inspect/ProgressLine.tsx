// Long work in the worker: bytes done of total, the rate, a progress bar and Cancel.

import { ByteSize } from '../shared/ByteSize.tsx';
import { humanBytes } from '../shared/format.ts';
import type { ProgressState } from './store.ts';

export function ProgressLine({ what, progress, onCancel }: { what: string; progress: ProgressState | null; onCancel(): void }) {
  const seconds = progress ? (progress.at - progress.startedAt) / 1000 : 0;
  const rate = progress && seconds > 0.2 ? `${humanBytes(progress.done / seconds)}/s` : '';
  return (
    <div className="build-status building" role="status">
      <span>
        {what}…{' '}
        {progress && (
          <>
            <ByteSize bytes={progress.done} /> of <ByteSize bytes={progress.total} /> {rate && `· ${rate}`}
          </>
        )}
      </span>
      <progress value={progress?.done ?? 0} max={Math.max(progress?.total ?? 1, 1)} aria-label={`${what} progress`} />
      <button type="button" onClick={onCancel}>Cancel</button>
    </div>
  );
}
