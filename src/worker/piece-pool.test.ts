import { afterEach, describe, expect, it } from 'vitest';
import { buildLayer } from '../core/build/layer.ts';
import { GZIP_PIECE_SIZE } from '../core/compress/gzip-pieces.ts';
import { file } from '../test-support/image.ts';
import { noise, text } from '../test-support/bytes.ts';
import { nodePiecePool, nodePieceWorker } from '../../bench/node-pool.ts';
import { createPiecePool, defaultPoolSize, HELPER_READY, type PiecePool, type PieceReply, type PieceRequest } from './piece-pool.ts';

const created = '2024-01-02T03:04:05Z';
const faultyThread = new URL('../test-support/faulty-piece.thread.ts', import.meta.url);
/** What the faulty thread does with a piece, done in the pool's own thread. */
const localReverse = async (_compression: unknown, piece: Uint8Array) => piece.slice().reverse();
const piece = (first: number, length = 16) => Uint8Array.from({ length }, (_, i) => (i === 0 ? first : i));

let pool: PiecePool | undefined;

/** A helper in this thread: says it is ready after `readyAfterMs` and answers each piece reversed. */
function inProcessWorker(readyAfterMs: number) {
  let listener: ((event: { data: PieceReply }) => void) | undefined;
  const worker = {
    received: 0,
    terminated: false,
    postMessage({ id, piece }: PieceRequest) {
      worker.received++;
      setTimeout(() => listener?.({ data: { id, compressed: piece.slice().reverse() } }), 5);
    },
    addEventListener(type: string, on: (event: never) => void) {
      if (type !== 'message') return;
      listener = on as typeof listener;
      setTimeout(() => listener?.({ data: HELPER_READY }), readyAfterMs);
    },
    terminate() {
      worker.terminated = true;
    },
  };
  return worker;
}
afterEach(() => pool?.close());

const faultyPool = (size: number) =>
  (pool = createPiecePool({ size, createWorker: (index) => nodePieceWorker(faultyThread, `faulty-${index}`), local: localReverse }));

describe('piece pool', () => {
  it('builds the same layer as one thread, taking each piece over without a copy', async () => {
    const layer = {
      kind: 'entries' as const,
      entries: [file('a/noise.bin', noise(GZIP_PIECE_SIZE + 1000)), file('a/text.txt', text(3 * GZIP_PIECE_SIZE))],
    };
    const one = await buildLayer(layer, { created });
    pool = nodePiecePool(2);
    const sent: Uint8Array[] = [];
    const compress = (raw: Uint8Array) => (sent.push(raw), pool!.compress(raw));
    const pooled = await buildLayer(layer, { created, compressPiece: compress, parallelism: 3 });
    expect(pooled.descriptor).toEqual(one.descriptor);
    expect(pooled.diffId).toBe(one.diffId);
    expect(sent.length).toBe(Math.ceil(one.tarSize! / GZIP_PIECE_SIZE));
    expect(sent.every((raw) => raw.byteLength === 0)).toBe(true);
  });

  it('compresses zstd pieces too, giving the bytes one thread gives', async () => {
    const layer = { kind: 'entries' as const, entries: [file('a/text.txt', text(2 * GZIP_PIECE_SIZE + 99))] };
    const one = await buildLayer(layer, { created, compression: 'zstd' });
    pool = nodePiecePool(2);
    const pooled = await buildLayer(layer, { created, compression: 'zstd', compressPiece: pool.compressor('zstd'), parallelism: 3 });
    expect(pooled.descriptor).toEqual(one.descriptor);
    expect(pooled.descriptor.mediaType).toBe('application/vnd.oci.image.layer.v1.tar+zstd');
  });

  it('spreads pieces over its helpers and keeps each answer with its piece', async () => {
    faultyPool(3);
    const answers = await Promise.all([10, 20, 30, 40, 50].map((n) => pool!.compress(piece(0, n))));
    answers.forEach((answer, i) => expect(answer).toEqual(piece(0, (i + 1) * 10).reverse()));
  });

  it('rejects a piece its helper could not compress, and carries on', async () => {
    faultyPool(1);
    await expect(pool!.compress(piece(1))).rejects.toThrow('compression helper 1 could not compress a piece: piece starts with 1');
    expect(await pool!.compress(piece(0, 4))).toEqual(piece(0, 4).reverse());
  });

  it('rejects every piece a crashed helper held, then starts a fresh helper', async () => {
    faultyPool(1);
    const lost = pool!.compress(piece(3));
    const crash = pool!.compress(piece(2));
    await expect(crash).rejects.toThrow(/compression helper 1 crashed: thread fell over; the build stopped/);
    await expect(lost).rejects.toThrow(/compression helper 1 crashed/);
    expect(await pool!.compress(piece(0, 4))).toEqual(piece(0, 4).reverse());
  });

  it('close() rejects pieces in flight', async () => {
    faultyPool(2);
    const stuck = pool!.compress(piece(3));
    pool!.close();
    await expect(stuck).rejects.toThrow('compression helpers were stopped before the piece was compressed');
  });

  it('stops idle helpers and starts fresh ones when work comes back', async () => {
    let started = 0;
    pool = createPiecePool({ size: 1, idleMs: 50, createWorker: (index) => (started++, nodePieceWorker(faultyThread, `idle-${index}`)), local: localReverse });
    await pool.compress(piece(0));
    await pool.compress(piece(0));
    expect(started).toBe(1);
    await new Promise((r) => setTimeout(r, 300));
    expect(await pool.compress(piece(0, 4))).toEqual(piece(0, 4).reverse());
    expect(started).toBe(2);
  });

  it('sends nothing to a helper that is not ready in time (not even once it is): its pieces are compressed locally, then helpers are tried again', async () => {
    const told: string[] = [];
    const local: string[] = [];
    const workers: ReturnType<typeof inProcessWorker>[] = [];
    pool = createPiecePool({
      size: 2,
      startMs: 100,
      idleMs: 200,
      // The first helper 1 says it is ready only after its deadline; every later helper at once.
      createWorker: (index) => workers[workers.push(inProcessWorker(index === 1 && workers.length === 0 ? 150 : 5)) - 1],
      local: async (compression, piece) => (local.push(compression), piece.slice().reverse()),
      onLocal: (reason) => told.push(reason),
    });
    const first = await Promise.all([5, 6, 7].map((n) => pool!.compress(piece(0, n), 'zstd')));
    first.forEach((answer, i) => expect(answer).toEqual(piece(0, i + 5).reverse()));
    expect(told).toEqual(['compression helper 1 did not start within 0.1 s; pieces are compressed in this worker, on one core, for the next 0.2 s']);
    expect(workers[0].terminated).toBe(true);
    expect(workers[1].received + local.length).toBe(3);
    expect(local.length).toBeGreaterThan(0);
    expect(new Set(local)).toEqual(new Set(['zstd']));
    const before = local.length;
    expect(await pool.compress(piece(0, 4))).toEqual(piece(0, 4).reverse());
    expect(local.length).toBe(before + 1);
    await new Promise((r) => setTimeout(r, 250));
    // Helper 1's late "ready" sent it nothing; helper 2, idle, was stopped.
    expect(workers[0].received).toBe(0);
    expect(workers[1].terminated).toBe(true);
    expect(await pool.compress(piece(0, 3))).toEqual(piece(0, 3).reverse());
    expect(local.length).toBe(before + 1);
    expect(workers.length).toBe(3);
  });

  it('uses one helper per core, between 1 and 4', () => {
    expect([1, 2, 3, 8].map((cores) => defaultPoolSize(cores))).toEqual([1, 2, 3, 4]);
  });
});
