// The inspection Web Worker: opens one archive at a time and answers the UI's questions about it
// through comlink. All indexing, parsing, decompression and hashing happen here. Long calls take a
// job id so the UI can cancel them; progress is throttled.

import * as Comlink from 'comlink';
import type { Digest } from '../core/digest.ts';
import type { FolderFile } from '../core/formats/folder/read.ts';
import type { BlobVerification, LayerVerification } from '../core/inspect/verify.ts';
import { createJobRegistry, throttled } from './jobs.ts';
import { openSession, type InspectSession } from '../core/inspect/session.ts';
import type { FileRequest, VerifyProgress } from '../core/inspect/views.ts';
import { compareWith, type CompareTarget } from '../core/inspect/compare-target.ts';
import type { Comparison, RowFilter } from '../core/inspect/compare.ts';

const jobs = createJobRegistry();
let session: InspectSession | undefined;
/** The last comparison of the open image with another; its rows are handed out a page at a time. */
let comparison: Comparison | undefined;

function current(): InspectSession {
  if (!session) throw new Error('No archive is open.');
  return session;
}

const api = {
  async open(jobId: string, input: Blob | FolderFile[], fileName: string) {
    // The open session stays in use until the new archive has opened: a bad file loses nothing.
    return jobs.run(jobId, async (signal) => {
      const opened = await openSession(input, fileName, signal);
      session = opened;
      comparison = undefined;
      return opened.view;
    });
  },
  select(manifest: Digest) {
    return current().select(manifest);
  },
  verify(
    jobId: string,
    onProgress: (p: VerifyProgress) => void,
    onBlob: (result: BlobVerification) => void,
    onLayer: (result: LayerVerification) => void,
  ) {
    const progress = throttled(onProgress);
    return jobs.run(jobId, (signal) => current().verify({ signal, onBlob, onLayer, onProgress: (done, total) => progress({ done, total }) }));
  },
  analyse(jobId: string, onProgress: (p: VerifyProgress) => void) {
    return jobs.run(jobId, (signal) => current().analyse({ signal, onProgress: throttled(onProgress) }));
  },
  layerRows(layer: number, start: number, end: number) {
    return current().layerRows(layer, start, end);
  },
  preview(jobId: string, request: FileRequest) {
    return jobs.run(jobId, (signal) => current().preview(request, signal));
  },
  download(jobId: string, request: FileRequest) {
    return jobs.run(jobId, (signal) => current().download(request, signal));
  },
  anatomy(jobId: string, request: FileRequest) {
    return jobs.run(jobId, (signal) => current().anatomy(request, signal));
  },
  compare(jobId: string, target: CompareTarget, onProgress: (p: VerifyProgress & { side: 'A' | 'B' }) => void) {
    const progress = throttled(onProgress as (p: VerifyProgress) => void);
    return jobs.run(jobId, async (signal) => {
      comparison = await compareWith(current(), target, { signal, onProgress: progress });
      return comparison.view;
    });
  },
  compareRows(filter: RowFilter, start: number, end: number) {
    if (!comparison) throw new Error('Nothing is being compared.');
    return comparison.rows(filter, start, end);
  },
  cancel(jobId: string): void {
    jobs.cancel(jobId);
  },
};

export type InspectApi = typeof api;

Comlink.expose(api);
