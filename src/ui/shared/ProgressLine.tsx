// Long work in a worker: bytes done of total, the rate, a progress bar and Cancel. Used by the
// composer's layer builds and the inspector's verification and layer reading.

import { ByteSize } from './ByteSize.tsx';
import { humanBytes } from './format.ts';

/** Bytes done of total, with when the work started and when the latest report came (for the rate). */
export interface TimedProgress {
  done: number;
  total: number;
  startedAt: number;
  at: number;
}

export interface ProgressLineProps {
  what: string;
  progress: TimedProgress | null;
  onCancel(): void;
  /** The progress bar's accessible name; `<what> progress` by default. */
  label?: string;
}

export function ProgressLine({ what, progress, onCancel, label = `${what} progress` }: ProgressLineProps) {
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
      <progress value={progress?.done ?? 0} max={Math.max(progress?.total ?? 1, 1)} aria-label={label} />
      <button type="button" onClick={onCancel}>Cancel</button>
    </div>
  );
}
