// A pool of helper workers that compress layer pieces (gzip or zstd), so compression runs on
// several cores while the engine worker cuts and hashes. Pieces are transferred to a helper (buildLayer has hashed them
// already) and the compressed piece is transferred back: nothing is copied. Helpers start on
// first use, stop after `idleMs` without work, and are replaced after a crash.
//
// A helper says "ready" once it listens, and gets no piece before that. One that is not ready
// within `startMs` (its module failed without an error event, or its thread froze, as Firefox's
// have when workers started workers) is stopped, and for the next `idleMs` every piece is
// compressed by `local` instead: the same pure function, so the same bytes, on one core.

import type { PieceCompressor } from '../core/build/pieces.ts';
import type { PieceCompression } from '../core/compress/piece-codec.ts';

export interface PieceRequest {
  id: number;
  compression: PieceCompression;
  piece: Uint8Array;
}

export type PieceReply = { id: number; compressed: Uint8Array } | { id: number; error: string } | typeof HELPER_READY;

/** What a helper posts once it listens for pieces. */
export const HELPER_READY = { ready: true } as const;

/** What the pool needs of a worker; a helper the page started (hosted-worker.ts) fits, and so does an adapted Node thread. */
export interface PieceWorker {
  postMessage(message: PieceRequest, transfer: Transferable[]): void;
  addEventListener(type: 'message', listener: (event: { data: PieceReply }) => void): void;
  addEventListener(type: 'error' | 'messageerror', listener: (event: { message?: unknown }) => void): void;
  terminate(): void;
}

export interface PiecePoolOptions {
  size: number;
  /** Starts helper number `index` (1-based, for worker names in devtools). */
  createWorker: (index: number) => PieceWorker;
  /** Helpers stop after this long without work and restart on demand. */
  idleMs?: number;
  /** How long a new helper may take to say it is ready. */
  startMs?: number;
  /** Compresses in the pool's own thread, for when helpers do not start. */
  local: (compression: PieceCompression, piece: Uint8Array) => Promise<Uint8Array>;
  /** Told once per failure why the pool compresses locally for now. */
  onLocal?: (reason: string) => void;
}

export interface PiecePool {
  size: number;
  /** Compresses one piece in a helper, or locally while helpers do not start (gzip unless said otherwise). */
  compress(piece: Uint8Array, compression?: PieceCompression): Promise<Uint8Array>;
  /** compress() bound to one compression, as buildLayer's compressPiece option takes it. */
  compressor(compression: PieceCompression): PieceCompressor;
  /** Stops every helper; pieces still being compressed in them are rejected. */
  close(): void;
}

interface Pending {
  resolve: (compressed: Uint8Array) => void;
  reject: (error: Error) => void;
}

interface Helper {
  index: number;
  worker: PieceWorker;
  pending: Map<number, Pending>;
  /** Requests held (not yet transferred) until the helper says it is ready; null once it has. */
  held: PieceRequest[] | null;
  startTimer: ReturnType<typeof setTimeout>;
}

/** One helper per core, up to 4: the engine worker mostly waits, so it needs no core of its own. */
export function defaultPoolSize(cores: number = globalThis.navigator?.hardwareConcurrency || 2): number {
  return Math.max(1, Math.min(4, cores));
}

export function createPiecePool({ size, createWorker, idleMs = 60_000, startMs = 10_000, local, onLocal }: PiecePoolOptions): PiecePool {
  const helpers = new Map<number, Helper>();
  let nextId = 0;
  let idleTimer: ReturnType<typeof setTimeout> | undefined;
  /** Until when (performance.now()) pieces are compressed here, after a helper did not start. */
  let localUntil = 0;

  /** Helpers stop `idleMs` after the last piece in hand is answered (or handed to `local`). */
  const idleWhenDone = () => {
    if (![...helpers.values()].every((h) => h.pending.size === 0)) return;
    clearTimeout(idleTimer);
    idleTimer = setTimeout(close, idleMs);
  };

  const stopHelper = (helper: Helper, reason: string) => {
    if (helpers.get(helper.index) === helper) helpers.delete(helper.index);
    clearTimeout(helper.startTimer);
    helper.held = null;
    helper.worker.terminate();
    for (const { reject } of helper.pending.values()) reject(new Error(reason));
    helper.pending.clear();
  };

  const send = (helper: Helper, request: PieceRequest) => {
    try {
      helper.worker.postMessage(request, [request.piece.buffer]);
    } catch (error) {
      helper.pending.get(request.id)?.reject(error as Error);
      helper.pending.delete(request.id);
    }
  };

  const compressHere = (request: PieceRequest, { resolve, reject }: Pending) => {
    local(request.compression, request.piece).then(resolve, reject);
  };

  /** A helper that never said it was ready: its held pieces, and every piece for the next `idleMs`, are compressed here. */
  const neverStarted = (helper: Helper) => {
    const waiting = (helper.held ?? []).map((request) => ({ request, pending: helper.pending.get(request.id)! }));
    helper.pending.clear(); // handed to `local` below, not rejected
    stopHelper(helper, 'never started');
    localUntil = performance.now() + idleMs;
    onLocal?.(`compression helper ${helper.index} did not start within ${startMs / 1000} s; pieces are compressed in this worker, on one core, for the next ${idleMs / 1000} s`);
    for (const { request, pending } of waiting) compressHere(request, pending);
    idleWhenDone();
  };

  const startHelper = (index: number): Helper => {
    const helper: Helper = { index, worker: createWorker(index), pending: new Map(), held: [], startTimer: setTimeout(() => neverStarted(helper), startMs) };
    helper.worker.addEventListener('message', ({ data }) => {
      if (helpers.get(index) !== helper) return; // stopped: a late "ready" must not send held pieces again
      if ('ready' in data) {
        clearTimeout(helper.startTimer);
        const held = helper.held ?? [];
        helper.held = null;
        for (const request of held) send(helper, request);
        return;
      }
      const pending = helper.pending.get(data.id);
      if (!pending) return;
      helper.pending.delete(data.id);
      if ('error' in data) pending.reject(new Error(`compression helper ${index} could not compress a piece: ${data.error}`));
      else pending.resolve(data.compressed);
      idleWhenDone();
    });
    const crashed = (what: string) => (event: { message?: unknown }) => {
      const detail = typeof event.message === 'string' && event.message ? `: ${event.message}` : '';
      stopHelper(helper, `compression helper ${index} ${what}${detail}; the build stopped, and starting it again uses a fresh helper`);
      idleWhenDone();
    };
    helper.worker.addEventListener('error', crashed('crashed'));
    helper.worker.addEventListener('messageerror', crashed('sent a reply that could not be read'));
    helpers.set(index, helper);
    return helper;
  };

  /** The helper with the fewest pieces in hand, starting missing ones first. */
  const pickHelper = (): Helper => {
    for (let index = 1; index <= size; index++) {
      if (!helpers.has(index)) return startHelper(index);
    }
    return [...helpers.values()].reduce((a, b) => (b.pending.size < a.pending.size ? b : a));
  };

  const compress = (piece: Uint8Array, compression: PieceCompression = 'gzip') => {
    if (performance.now() < localUntil) return local(compression, piece);
    clearTimeout(idleTimer);
    const helper = pickHelper();
    const request = { id: nextId++, compression, piece };
    return new Promise<Uint8Array>((resolve, reject) => {
      helper.pending.set(request.id, { resolve, reject });
      if (helper.held) helper.held.push(request);
      else send(helper, request);
    });
  };

  function close() {
    clearTimeout(idleTimer);
    localUntil = 0;
    for (const helper of [...helpers.values()]) stopHelper(helper, 'compression helpers were stopped before the piece was compressed');
  }

  return { size, compress, compressor: (compression) => (piece) => compress(piece, compression), close };
}

/** Helper side: answers one request, handing the compressed bytes' buffer over with the reply. */
export async function answerPieceRequest(
  { id, compression, piece }: PieceRequest,
  compress: (compression: PieceCompression, piece: Uint8Array) => Uint8Array | Promise<Uint8Array>,
): Promise<{ reply: PieceReply; transfer: Transferable[] }> {
  try {
    const compressed = await compress(compression, piece);
    return { reply: { id, compressed }, transfer: [compressed.buffer as ArrayBuffer] };
  } catch (error) {
    return { reply: { id, error: error instanceof Error ? error.message : String(error) }, transfer: [] };
  }
}
