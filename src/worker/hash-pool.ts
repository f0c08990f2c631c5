// Helper workers that hash whole Blobs, so an archive's blobs are hashed on other cores while
// the inspection worker decompresses and lists layers. A Blob crosses to a worker as a handle,
// not a copy, and the helper streams it (sha256OfBlob): memory stays flat however large the blob.
// Bytes read once for more than their hash (a layer's tar, an uncompressed layer's blob as it is
// listed) are hashed as a stream: sent in 1 MiB batches, the sender held back while 8 MiB are
// sent and not yet hashed, and the helper hands each batch's buffer back to be filled again.
// Each blob goes to the helper with the fewest in hand; helpers start on first use, stop after
// `idleMs` without work, and a crash rejects what that helper held. A cancelled hash is rejected at
// once and its helper told to stop reading, so a stale verification never slows the next one.

import type { Digest } from '../core/digest.ts';
import { createSha256, sha256OfBlob, type RemoteHash, type Sha256 } from '../core/hash/sha256.ts';

export type HashRequest =
  | { id: number; blob: Blob }
  | { id: number; cancel: true }
  /** More bytes of a streamed hash (bytes that exist only as they are made, like a layer's tar). */
  | { id: number; bytes: Uint8Array }
  /** The streamed hash has had all its bytes: answer its digest. */
  | { id: number; end: true };

/**
 * The digest, a failure, or (before either) how many bytes are hashed so far; a streamed hash's
 * progress hands its batch's buffer back, so the sender fills it again instead of fresh memory.
 */
export type HashReply = { id: number; digest: Digest } | { id: number; error: string } | { id: number; done: number; spare?: ArrayBuffer };

/** Helpers say how far they are every this many bytes. */
const PROGRESS_STEP = 16 * 1024 * 1024;
/** A streamed hash's bytes cross in batches of this size (moved, not copied, when full). */
const BATCH_BYTES = 1024 * 1024;
/** A streamed hash's sender waits once this many bytes are sent and not yet hashed (8 batches, enough to keep the helper busy). */
const MAX_UNHASHED = 8 * 1024 * 1024;

/** What the pool needs of a worker; a helper the page started (hosted-worker.ts) fits. */
export interface HashWorker {
  postMessage(message: HashRequest, transfer?: Transferable[]): void;
  addEventListener(type: 'message', listener: (event: { data: HashReply }) => void): void;
  addEventListener(type: 'error' | 'messageerror', listener: (event: { message?: unknown }) => void): void;
  terminate(): void;
}

export interface HashPool {
  hash(blob: Blob, onProgress?: (bytesDone: number) => void, signal?: AbortSignal): Promise<Digest>;
  /** A hash of bytes handed over as they are made, computed in a helper; `signal` cancels it. */
  stream(signal?: AbortSignal): RemoteHash;
  close(): void;
}

interface Helper {
  worker: HashWorker;
  pending: Map<number, {
    resolve: (digest: Digest) => void;
    reject: (error: Error) => void;
    onProgress?: (bytesDone: number) => void;
    /** Whether the helper owes an answer now (a blob always does; a stream while bytes are unhashed or its end is sent). */
    owes?: () => boolean;
  }>;
  /** Fires when a helper with work in hand has said nothing for `stallMs`. */
  stall?: ReturnType<typeof setTimeout>;
}

/**
 * `stallMs`: a helper with work in hand that says nothing for this long (it reports every 16 MiB
 * of a blob, every 1 MiB of a stream) is stopped, and what it held is hashed elsewhere: a helper
 * that loaded and then froze must not hold a verification up for good.
 */
export function createHashPool({ size, createWorker, idleMs = 60_000, stallMs = 30_000 }: { size: number; createWorker: (index: number) => HashWorker; idleMs?: number; stallMs?: number }): HashPool {
  const helpers: (Helper | undefined)[] = [];
  // Batch buffers the helpers handed back: filling fresh memory cost more than the hashing saved.
  const spares: ArrayBuffer[] = [];
  let nextId = 0;
  let idleTimer: ReturnType<typeof setTimeout> | undefined;

  const idleWhenDone = () => {
    if (helpers.every((h) => !h || h.pending.size === 0)) idleTimer = setTimeout(close, idleMs);
  };

  const stop = (index: number, reason: string) => {
    const helper = helpers[index];
    if (!helper) return;
    helpers[index] = undefined;
    clearTimeout(helper.stall);
    helper.worker.terminate();
    const held = [...helper.pending.values()];
    helper.pending.clear(); // nothing of it is in hand any more (a stream's sender checks this)
    for (const { reject } of held) reject(new Error(reason));
  };

  const owing = (helper: Helper) => [...helper.pending.values()].some((p) => p.owes?.() ?? true);

  /** Starts the stall timer of the helper at `index` afresh, while it owes an answer. */
  const watch = (index: number) => {
    const helper = helpers[index];
    if (!helper) return;
    clearTimeout(helper.stall);
    if (!owing(helper)) return;
    helper.stall = setTimeout(() => {
      if (helpers[index] !== helper || !owing(helper)) return;
      stop(index, `hashing helper ${index + 1} stopped answering (nothing for ${Math.round(stallMs / 1000)} s)`);
      idleWhenDone();
    }, stallMs);
  };

  /**
   * Posts to the helper at `index` and records what it now owes (`owe`); one that owed nothing
   * before starts its stall timer now.
   */
  const post = (index: number, helper: Helper, message: HashRequest, owe: () => void, transfer: Transferable[] = []) => {
    const owedBefore = owing(helper);
    helper.worker.postMessage(message, transfer);
    owe();
    if (!owedBefore) watch(index);
  };

  /** Takes back work `id` from `helper` (it stops reading), rejecting it with `error`. */
  const withdraw = (helper: Helper, id: number, error: unknown) => {
    const pending = helper.pending.get(id);
    if (!pending) return;
    helper.pending.delete(id);
    helper.worker.postMessage({ id, cancel: true });
    pending.reject(error as Error);
    idleWhenDone();
  };

  const start = (index: number): Helper => {
    const helper: Helper = { worker: createWorker(index + 1), pending: new Map() };
    helper.worker.addEventListener('message', ({ data }) => {
      if ('spare' in data && data.spare?.byteLength === BATCH_BYTES && spares.length < MAX_UNHASHED / BATCH_BYTES) spares.push(data.spare);
      const pending = helper.pending.get(data.id);
      if (!pending) return;
      if ('done' in data) pending.onProgress?.(data.done);
      else {
        helper.pending.delete(data.id);
        if ('error' in data) pending.reject(new Error(data.error));
        else pending.resolve(data.digest);
        idleWhenDone();
      }
      watch(index);
    });
    const crashed = (event: { message?: unknown }) => {
      stop(index, `hashing helper ${index + 1} stopped unexpectedly${typeof event.message === 'string' && event.message ? `: ${event.message}` : ''}`);
      idleWhenDone();
    };
    helper.worker.addEventListener('error', crashed);
    helper.worker.addEventListener('messageerror', crashed);
    return (helpers[index] = helper);
  };

  /** The helper to give new work to, and its index (for watch). */
  const pick = (): [Helper, number] => {
    for (let i = 0; i < size; i++) if (!helpers[i]) return [start(i), i];
    const helper = helpers.reduce((a, b) => (b!.pending.size < a!.pending.size ? b : a))!;
    return [helper, helpers.indexOf(helper)];
  };

  function close() {
    clearTimeout(idleTimer);
    for (let i = 0; i < size; i++) stop(i, 'hashing helpers were stopped before the blob was hashed');
  }

  return {
    hash(blob, onProgress, signal) {
      if (signal?.aborted) return Promise.reject(signal.reason);
      clearTimeout(idleTimer);
      const [helper, index] = pick();
      const id = nextId++;
      return new Promise<Digest>((resolve, reject) => {
        const onAbort = () => withdraw(helper, id, signal!.reason);
        const settle = <T>(then: (value: T) => void) => (value: T) => {
          signal?.removeEventListener('abort', onAbort);
          then(value);
        };
        post(index, helper, { id, blob }, () => helper.pending.set(id, { resolve: settle(resolve), reject: settle(reject), onProgress }));
        signal?.addEventListener('abort', onAbort, { once: true });
      });
    },
    stream(signal) {
      clearTimeout(idleTimer);
      const [helper, index] = pick();
      const id = nextId++;
      let sent = 0;
      let hashed = 0;
      let ended = false;
      let resume: (() => void) | undefined;
      const result = new Promise<Digest>((resolve, reject) => {
        const done = (then: () => void) => {
          resume?.();
          then();
        };
        helper.pending.set(id, {
          resolve: (digest) => done(() => resolve(digest)),
          reject: (error) => done(() => reject(error)),
          onProgress: (bytes) => {
            hashed = bytes;
            if (sent - hashed < MAX_UNHASHED) resume?.();
          },
          // Between batches a stream owes nothing: its sender may be busy elsewhere for long.
          owes: () => ended || sent > hashed,
        });
      });
      result.catch(() => {}); // seen by whoever asks for the digest
      const fresh = () => new Uint8Array(spares.pop() ?? new ArrayBuffer(BATCH_BYTES));
      let batch = fresh();
      let filled = 0;
      const send = () => {
        if (filled === 0) return;
        const bytes = filled === batch.length ? batch : batch.slice(0, filled);
        post(index, helper, { id, bytes }, () => (sent += filled), [bytes.buffer]);
        if (bytes === batch) batch = fresh();
        filled = 0;
      };
      const cancel = () => withdraw(helper, id, new DOMException('The streamed hash was cancelled', 'AbortError'));
      // A cancel of the work it serves ends it, and with it any wait for the helper.
      signal?.addEventListener('abort', cancel, { once: true });
      if (signal?.aborted) cancel();
      void result.finally(() => signal?.removeEventListener('abort', cancel)).catch(() => {});
      return {
        update(chunk) {
          // Its helper failed or it was cancelled: nothing more is worth copying.
          if (!helper.pending.has(id)) return undefined;
          for (let at = 0; at < chunk.byteLength; ) {
            const take = Math.min(chunk.byteLength - at, batch.length - filled);
            batch.set(chunk.subarray(at, at + take), filled);
            filled += take;
            at += take;
            if (filled === batch.length) send();
          }
          if (sent - hashed < MAX_UNHASHED) return undefined;
          return new Promise<void>((wake) => (resume = () => ((resume = undefined), wake())));
        },
        digest() {
          send();
          if (helper.pending.has(id)) post(index, helper, { id, end: true }, () => (ended = true));
          return result;
        },
        cancel,
      };
    },
    close,
  };
}

const errorText = (error: unknown) => (error instanceof Error ? error.message : String(error));

/** Helper side: hashes each requested blob, passing progress replies to `reply` on the way; a cancel stops its reading. */
export function createHashAnswerer(reply: (message: HashReply, transfer?: Transferable[]) => void): (request: HashRequest) => Promise<void> {
  const running = new Map<number, AbortController>();
  // Streamed hashes: each one's updates chained in arrival order, with the bytes hashed so far.
  // One that fails says so at once (its sender may be waiting for progress) and drops the rest.
  const streams = new Map<number, { hasher: Promise<Sha256>; hashed: number; failed: boolean }>();
  const failed = (id: number, stream: { failed: boolean }) => (error: unknown): never => {
    if (!stream.failed) reply({ id, error: errorText(error) });
    stream.failed = true;
    throw error;
  };
  const streamOf = (id: number) => {
    let stream = streams.get(id);
    if (!stream) {
      const fresh = { hasher: createSha256(), hashed: 0, failed: false };
      fresh.hasher = fresh.hasher.catch(failed(id, fresh));
      streams.set(id, (stream = fresh));
    }
    return stream;
  };
  return async (request) => {
    if ('cancel' in request) {
      streams.delete(request.id);
      return void running.get(request.id)?.abort();
    }
    if ('bytes' in request) {
      const { id, bytes } = request;
      const current = streamOf(id);
      current.hasher = current.hasher.then((hasher) => {
        hasher.update(bytes);
        reply({ id, done: (current.hashed += bytes.byteLength), spare: bytes.buffer as ArrayBuffer }, [bytes.buffer as ArrayBuffer]);
        return hasher;
      }).catch(failed(id, current));
      current.hasher.catch(() => {}); // already answered; the end message sees the failure too
      return;
    }
    if ('end' in request) {
      const { id } = request;
      const stream = streamOf(id);
      streams.delete(id);
      try {
        reply({ id, digest: (await stream.hasher).digest() });
      } catch (error) {
        if (!stream.failed) reply({ id, error: errorText(error) });
      }
      return;
    }
    const { id, blob } = request;
    const controller = new AbortController();
    running.set(id, controller);
    let reported = 0;
    let reportedAt = performance.now();
    // Every 16 MiB, or every second on a slow read (the pool stops a helper silent for 30 s).
    const progress = (done: number) => {
      controller.signal.throwIfAborted();
      const now = performance.now();
      if (done - reported >= PROGRESS_STEP || (done > reported && now - reportedAt >= 1000)) {
        reportedAt = now;
        reply({ id, done: (reported = done) });
      }
    };
    try {
      reply({ id, digest: await sha256OfBlob(blob, progress) });
    } catch (error) {
      if (!controller.signal.aborted) reply({ id, error: errorText(error) });
    } finally {
      running.delete(id);
    }
  };
}
