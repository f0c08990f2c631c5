// Helper workers that hash whole Blobs, so an archive's blobs are hashed on other cores while
// the inspection worker decompresses and lists layers. A Blob crosses to a worker as a handle,
// not a copy, and the helper streams it (sha256OfBlob): memory stays flat however large the blob.
// Each blob goes to the helper with the fewest in hand; helpers start on first use, stop after
// `idleMs` without work, and a crash rejects what that helper held.

import type { Digest } from '../core/digest.ts';
import { sha256OfBlob } from '../core/hash/sha256.ts';

export interface HashRequest {
  id: number;
  blob: Blob;
}

/** The digest, a failure, or (before either) how many bytes are hashed so far. */
export type HashReply = { id: number; digest: Digest } | { id: number; error: string } | { id: number; done: number };

/** Helpers say how far they are every this many bytes. */
const PROGRESS_STEP = 16 * 1024 * 1024;

/** What the pool needs of a worker; a module `Worker` fits. */
export interface HashWorker {
  postMessage(message: HashRequest): void;
  addEventListener(type: 'message', listener: (event: { data: HashReply }) => void): void;
  addEventListener(type: 'error' | 'messageerror', listener: (event: { message?: unknown }) => void): void;
  terminate(): void;
}

export interface HashPool {
  hash(blob: Blob, onProgress?: (bytesDone: number) => void): Promise<Digest>;
  close(): void;
}

interface Helper {
  worker: HashWorker;
  pending: Map<number, { resolve: (digest: Digest) => void; reject: (error: Error) => void; onProgress?: (bytesDone: number) => void }>;
}

export function createHashPool({ size, createWorker, idleMs = 60_000 }: { size: number; createWorker: (index: number) => HashWorker; idleMs?: number }): HashPool {
  const helpers: (Helper | undefined)[] = [];
  let nextId = 0;
  let idleTimer: ReturnType<typeof setTimeout> | undefined;

  const stop = (index: number, reason: string) => {
    const helper = helpers[index];
    if (!helper) return;
    helpers[index] = undefined;
    helper.worker.terminate();
    for (const { reject } of helper.pending.values()) reject(new Error(reason));
  };

  const start = (index: number): Helper => {
    const helper: Helper = { worker: createWorker(index + 1), pending: new Map() };
    helper.worker.addEventListener('message', ({ data }) => {
      const pending = helper.pending.get(data.id);
      if (!pending) return;
      if ('done' in data) return pending.onProgress?.(data.done);
      helper.pending.delete(data.id);
      if ('error' in data) pending.reject(new Error(data.error));
      else pending.resolve(data.digest);
      if (helpers.every((h) => !h || h.pending.size === 0)) idleTimer = setTimeout(close, idleMs);
    });
    const crashed = (event: { message?: unknown }) =>
      stop(index, `hashing helper ${index + 1} stopped unexpectedly${typeof event.message === 'string' && event.message ? `: ${event.message}` : ''}`);
    helper.worker.addEventListener('error', crashed);
    helper.worker.addEventListener('messageerror', crashed);
    return (helpers[index] = helper);
  };

  const pick = (): Helper => {
    for (let i = 0; i < size; i++) if (!helpers[i]) return start(i);
    return helpers.reduce((a, b) => (b!.pending.size < a!.pending.size ? b : a))!;
  };

  function close() {
    clearTimeout(idleTimer);
    for (let i = 0; i < size; i++) stop(i, 'hashing helpers were stopped before the blob was hashed');
  }

  return {
    hash(blob, onProgress) {
      clearTimeout(idleTimer);
      const helper = pick();
      const id = nextId++;
      return new Promise<Digest>((resolve, reject) => {
        helper.pending.set(id, { resolve, reject, onProgress });
        helper.worker.postMessage({ id, blob });
      });
    },
    close,
  };
}

/** Helper side: hashes one blob, passing progress replies to `report` on the way. */
export async function answerHashRequest({ id, blob }: HashRequest, report: (reply: HashReply) => void): Promise<HashReply> {
  let reported = 0;
  const progress = (done: number) => done - reported >= PROGRESS_STEP && report({ id, done: (reported = done) });
  try {
    return { id, digest: await sha256OfBlob(blob, progress) };
  } catch (error) {
    return { id, error: error instanceof Error ? error.message : String(error) };
  }
}
