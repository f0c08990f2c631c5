import { afterEach, describe, expect, it } from 'vitest';
import { nodePieceWorker } from '../../bench/node-pool.ts';
import { sha256OfBlob } from '../core/hash/sha256.ts';
import { noise } from '../test-support/bytes.ts';
import { createHashAnswerer, createHashPool, type HashPool, type HashReply, type HashWorker } from './hash-pool.ts';

const thread = new URL('../test-support/hash.thread.ts', import.meta.url);
let pool: HashPool | undefined;
afterEach(() => pool?.close());

// nodePieceWorker adapts any Node thread to the browser Worker shape the pools expect.
const poolOf = (size: number, started: number[] = [], idleMs?: number) =>
  (pool = createHashPool({ size, idleMs, createWorker: (index) => (started.push(index), nodePieceWorker(thread, `hash-${index}`) as unknown as HashWorker) }));

describe('hash pool', () => {
  it('hashes blobs in helpers, each answer with its blob, spread over the helpers', async () => {
    const started: number[] = [];
    poolOf(2, started);
    const blobs = [1, 2, 3, 4].map((n) => new Blob([noise(n * 100_000)]));
    const digests = await Promise.all(blobs.map((blob) => pool!.hash(blob)));
    expect(digests).toEqual(await Promise.all(blobs.map((blob) => sha256OfBlob(blob))));
    expect(started).toEqual([1, 2]);
  });

  it('reports progress on a big blob before its digest', async () => {
    poolOf(1);
    const seen: number[] = [];
    const blob = new Blob([noise(40 * 1024 * 1024)]);
    expect(await pool!.hash(blob, (done) => seen.push(done))).toBe(await sha256OfBlob(blob));
    expect(seen.length).toBeGreaterThanOrEqual(1); // every 16 MiB, as the stream's chunks allow
    expect(seen.every((n, i) => n > (seen[i - 1] ?? 0) && n <= blob.size)).toBe(true);
  });

  it('rejects what a crashed helper held with a clear message, then hashes with a fresh one', async () => {
    poolOf(1);
    await expect(pool!.hash(new Blob([new Uint8Array([0xff, 1, 2])]))).rejects.toThrow(/hashing helper 1 stopped unexpectedly/);
    const blob = new Blob(['after the crash']);
    expect(await pool!.hash(blob)).toBe(await sha256OfBlob(blob));
  });

  it('stops idle helpers and starts a fresh one when work comes back', async () => {
    const started: number[] = [];
    poolOf(1, started, 50);
    await pool!.hash(new Blob(['a']));
    await new Promise((r) => setTimeout(r, 300));
    await pool!.hash(new Blob(['b']));
    expect(started).toEqual([1, 1]);
  });

  it('a cancelled hash is rejected at once and the next blob is hashed; an aborted signal is refused', async () => {
    poolOf(1);
    const big = new Blob([noise(32 * 1024 * 1024)]);
    const controller = new AbortController();
    const hashing = pool!.hash(big, undefined, controller.signal);
    controller.abort();
    await expect(hashing).rejects.toThrow(/abort/i);
    const blob = new Blob(['after the cancel']);
    expect(await pool!.hash(blob)).toBe(await sha256OfBlob(blob));
    await expect(pool!.hash(blob, undefined, AbortSignal.abort())).rejects.toThrow(/abort/i);
  });
});

describe('streamed hash', () => {
  const concat = (parts: Uint8Array[]) => new Blob(parts as Uint8Array<ArrayBuffer>[]);

  it('hashes bytes handed over in chunks of any size, and the sender may reuse each chunk at once', async () => {
    poolOf(1);
    const data = noise(5 * 1024 * 1024 + 333, 3);
    const stream = pool!.stream();
    const scratch = new Uint8Array(700_001);
    for (let at = 0; at < data.length; at += scratch.length) {
      const part = data.subarray(at, at + scratch.length);
      scratch.set(part);
      await stream.update(scratch.subarray(0, part.length));
      scratch.fill(0xaa); // reused: what was handed over must not change
    }
    expect(await stream.digest()).toBe(await sha256OfBlob(new Blob([data])));
    const empty = pool!.stream();
    expect(await empty.digest()).toBe(await sha256OfBlob(new Blob([])));
  });

  it('holds the sender back while 8 MiB are sent and not yet hashed', async () => {
    poolOf(1);
    const stream = pool!.stream();
    const chunk = new Uint8Array(8 * 1024 * 1024);
    let waits = 0;
    for (let i = 0; i < 12; i++) {
      const waiting = stream.update(chunk);
      if (waiting) (waits++, await waiting);
    }
    expect(waits).toBeGreaterThan(0);
    expect(await stream.digest()).toBe(await sha256OfBlob(concat(Array.from({ length: 12 }, () => chunk))));
  });

  it('rejects the digest when its helper crashes, and a cancelled one lets the helpers go idle', async () => {
    const started: number[] = [];
    poolOf(1, started, 50);
    const doomed = pool!.stream();
    await doomed.update(Uint8Array.of(0xfe, 1, 2)); // the test thread falls over on this
    await expect(doomed.digest()).rejects.toThrow(/hashing helper 1 stopped unexpectedly/);
    const cancelled = pool!.stream();
    await cancelled.update(new Uint8Array(10));
    cancelled.cancel();
    await expect(cancelled.digest()).rejects.toThrow(/cancelled/);
    await new Promise((r) => setTimeout(r, 300));
    expect(await pool!.stream().digest()).toBe(await sha256OfBlob(new Blob([])));
    expect(started).toEqual([1, 1, 1]); // a fresh helper after the crash, and again after going idle
  });
});

describe('streamed hash, failing', () => {
  it('a helper whose hashing fails (staying up) says so: the waiting sender goes on and the digest is refused', async () => {
    poolOf(1);
    const stream = pool!.stream();
    const first = new Uint8Array(1024 * 1024).fill(0xfd);
    let waited = false;
    for (let i = 0; i < 12; i++) {
      const waiting = stream.update(first);
      if (waiting) (waited = true, await waiting); // would hang forever before the helper said it failed
    }
    expect(waited).toBe(true);
    await expect(stream.digest()).rejects.toThrow();
    const after = new Blob(['the helper still hashes']);
    expect(await pool!.hash(after)).toBe(await sha256OfBlob(after));
  });

  it('a cancelled signal ends the stream, and its sender waits no more', async () => {
    poolOf(1);
    const controller = new AbortController();
    const stream = pool!.stream(controller.signal);
    await stream.update(new Uint8Array(10));
    controller.abort();
    await expect(stream.digest()).rejects.toThrow(/cancelled/);
    expect(stream.update(new Uint8Array(64 * 1024 * 1024))).toBeUndefined();
  });
});

describe('a helper that stops answering', () => {
  /** A helper that loaded and then froze: it takes every message and answers none. */
  const frozen = (): HashWorker => ({ postMessage: () => {}, addEventListener: () => {}, terminate: () => {} });

  it('is stopped once it has said nothing for stallMs with work in hand, and its blob and stream are refused (then hashed elsewhere)', async () => {
    let created = 0;
    pool = createHashPool({ size: 1, stallMs: 100, createWorker: () => (created++, frozen()) });
    const started = performance.now();
    await expect(pool.hash(new Blob(['a']))).rejects.toThrow(/hashing helper 1 stopped answering/);
    expect(performance.now() - started).toBeGreaterThanOrEqual(90);
    const stream = pool.stream();
    for (let i = 0; i < 12; i++) await stream.update(new Uint8Array(1024 * 1024)); // waits, then goes on once it is stopped
    await expect(stream.digest()).rejects.toThrow(/stopped answering/);
    expect(created).toBe(2);
  });

  it('an idle helper is never stopped for saying nothing', async () => {
    const started: number[] = [];
    // Long enough for a thread to start; the pause after the first hash is longer still.
    pool = createHashPool({ size: 1, stallMs: 1500, idleMs: 10_000, createWorker: (index) => (started.push(index), nodePieceWorker(thread, `hash-${index}`) as unknown as HashWorker) });
    const blob = new Blob(['quick']);
    expect(await pool.hash(blob)).toBe(await sha256OfBlob(blob));
    await new Promise((r) => setTimeout(r, 2000));
    expect(await pool.hash(blob)).toBe(await sha256OfBlob(blob));
    expect(started).toEqual([1]); // the same helper both times
  });

  it('a stream whose sender pauses between batches is not taken for a stalled helper', async () => {
    const started: number[] = [];
    pool = createHashPool({ size: 1, stallMs: 1500, createWorker: (index) => (started.push(index), nodePieceWorker(thread, `hash-${index}`) as unknown as HashWorker) });
    const first = noise(1024 * 1024, 5);
    const stream = pool.stream();
    await stream.update(first);
    await new Promise((r) => setTimeout(r, 2500)); // the batch is hashed; the helper owes nothing meanwhile
    await stream.update(Uint8Array.of(1, 2, 3));
    expect(await stream.digest()).toBe(await sha256OfBlob(new Blob([first, Uint8Array.of(1, 2, 3)])));
    expect(started).toEqual([1]);
  });
});

describe('hash helper', () => {
  it('stops reading a blob when its cancel arrives, and answers nothing for it', async () => {
    let chunksRead = 0;
    const endless = { size: Number.MAX_SAFE_INTEGER, stream: () => new ReadableStream<Uint8Array>({ pull: (c) => (chunksRead++, c.enqueue(new Uint8Array(1024 * 1024))) }) } as unknown as Blob;
    const replies: HashReply[] = [];
    const answer = createHashAnswerer((reply) => replies.push(reply));
    const answered = answer({ id: 7, blob: endless });
    await new Promise((r) => setTimeout(r, 50));
    await answer({ id: 7, cancel: true });
    await answered;
    const atCancel = chunksRead;
    await new Promise((r) => setTimeout(r, 50));
    expect(chunksRead).toBeGreaterThan(0);
    expect(chunksRead).toBeLessThanOrEqual(atCancel + 1);
    expect(replies.filter((r) => !('done' in r))).toEqual([]);
  });
});
