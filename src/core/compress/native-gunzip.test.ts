// Gzip through the engine's decoder first (native-gunzip.ts) must give exactly what the zlib pass
// alone gives: the same bytes, and on bad input the same error. Under Node the engine is Node's
// own DecompressionStream; an engine that stops at the first member, as Chromium's does, is
// stood in for, so the hand-over to the zlib pass is tested too.

import fc from 'fast-check';
import { gzipSync } from 'node:zlib';
import { Inflate } from 'pako';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { chunksOf, collect, noise, reusedChunksOf, text } from '../../test-support/bytes.ts';
import { gunzipStream } from './gunzip.ts';

type Outcome = { bytes?: Uint8Array; error?: string };

async function outcome(run: () => AsyncIterable<Uint8Array>): Promise<Outcome> {
  try {
    return { bytes: await collect(run()) };
  } catch (e) {
    return { error: (e as Error).message };
  }
}

const zlibPass = (bytes: Uint8Array, maxOutput: number) => outcome(() => gunzipStream(chunksOf(bytes, 4096), { maxOutput }));

async function preferNative(bytes: Uint8Array, maxOutput: number): Promise<Outcome> {
  const { gunzipPreferNative } = await import('./native-gunzip.ts');
  // Chunks share one buffer wherever the pass reading them allows it.
  return outcome(() => gunzipPreferNative((reusable) => (reusable ? reusedChunksOf : chunksOf)(bytes, 4096), { maxOutput }));
}

/** Members of text and noise, then sometimes zeros or junk, sometimes one byte changed or the end cut. */
const streams = fc.record({
  members: fc.array(fc.record({ length: fc.integer({ min: 0, max: 70_000 }), noisy: fc.boolean(), seed: fc.integer({ min: 1, max: 1e6 }) }), { minLength: 1, maxLength: 4 }),
  tail: fc.constantFrom([], [0], [0, 1, 2], [0x78], [0x1f], [0x1f, 0x8b]),
  flip: fc.option(fc.tuple(fc.double({ min: 0, max: 1, noNaN: true }), fc.integer({ min: 1, max: 255 })), { nil: undefined }),
  cut: fc.option(fc.integer({ min: 1, max: 40 }), { nil: undefined }),
}).map(({ members, tail, flip, cut }) => {
  const parts = members.map(({ length, noisy, seed }) => gzipSync(noisy ? noise(length, seed) : text(length), { level: 1 }));
  let bytes = new Uint8Array(Buffer.concat([...parts, Buffer.from(tail)]));
  if (flip) bytes[Math.floor(flip[0] * (bytes.length - 1))] ^= flip[1];
  if (cut) bytes = bytes.subarray(0, Math.max(0, bytes.length - cut));
  return bytes;
});

describe('gzip through the engine first', () => {
  it("gives the zlib pass's bytes and verdicts on good and broken streams", async () => {
    const { nativeGunzipAgrees } = await import('./native-gunzip.ts');
    expect(await nativeGunzipAgrees()).toBe(true); // Node's decoder reads gzip as zlib does
    await fc.assert(fc.asyncProperty(streams, async (bytes) => {
      expect(await preferNative(bytes, 1e8)).toEqual(await zlibPass(bytes, 1e8));
    }), { numRuns: 150 });
  });

  it('refuses output past the budget, as the zlib pass does', async () => {
    const bomb = new Uint8Array(gzipSync(new Uint8Array(4_000_000)));
    const got = await preferNative(bomb, 1_000_000);
    expect(got.error).toMatch(/gzip: decompressed output exceeds the budget of 1000000 bytes/);
  });
});

describe('an engine that stops after the first member, like Chromium', () => {
  let decodedByEngine = 0;

  const junkFound = () => new TypeError('Junk found after end of compressed data.');
  /**
   * An engine made with pako that reads one member. What comes after it: a later chunk refused
   * ("Junk found", as Chromium does) or dropped without a word; junk in the member's own last
   * chunk refused or not; a cut member refused at the end or not.
   */
  const pakoEngine = (after: { laterChunk: 'refused' | 'dropped'; junkInItsChunk: 'refused' | 'kept'; cut: 'refused' | 'kept' }) =>
    class extends TransformStream<Uint8Array, Uint8Array> {
      constructor() {
        const inflate = new Inflate({ windowBits: 15 + 16 });
        let out: Uint8Array[] = [];
        inflate.onData = (chunk: Uint8Array) => out.push(chunk);
        super({
          transform(chunk, controller) {
            if (inflate.ended) {
              if (after.laterChunk === 'refused') throw junkFound();
              return;
            }
            inflate.push(chunk, false);
            if (inflate.err) throw new TypeError(inflate.msg);
            const left = (inflate as unknown as { strm: { avail_in: number } }).strm.avail_in;
            if (after.junkInItsChunk === 'refused' && inflate.ended && left > 0) throw junkFound();
            for (const part of out) (decodedByEngine += part.byteLength), controller.enqueue(part);
            out = [];
          },
          flush() {
            if (after.cut === 'refused' && !inflate.ended) throw new TypeError('Unexpected end of compressed data.');
          },
        });
      }
    };
  /** Chromium's verdicts: one member, then "Junk found" for any byte after it. */
  const FirstMemberOnly = pakoEngine({ laterChunk: 'refused', junkInItsChunk: 'refused', cut: 'refused' });

  afterEach(() => {
    vi.unstubAllGlobals();
    vi.resetModules();
  });

  it('decodes the first member itself and hands the rest to the zlib pass, which gives the same bytes', async () => {
    vi.resetModules();
    vi.stubGlobal('DecompressionStream', FirstMemberOnly);
    const { nativeGunzipAgrees } = await import('./native-gunzip.ts');
    expect(await nativeGunzipAgrees()).toBe(true);
    const data = noise(300_000, 7);
    const members = [0, 100_000, 200_000].map((at) => gzipSync(data.subarray(at, at + 100_000)));
    const bytes = new Uint8Array(Buffer.concat(members));
    decodedByEngine = 0;
    const got = await preferNative(bytes, 1e8);
    expect(got.error).toBeUndefined();
    expect(Buffer.from(got.bytes!).equals(Buffer.from(data))).toBe(true);
    expect(decodedByEngine).toBeGreaterThanOrEqual(16_384);
  });

  it('is not used where it refuses junk only in the chunk its member ends in', async () => {
    vi.resetModules();
    vi.stubGlobal('DecompressionStream', pakoEngine({ laterChunk: 'dropped', junkInItsChunk: 'refused', cut: 'refused' }));
    const { nativeGunzipAgrees } = await import('./native-gunzip.ts');
    expect(await nativeGunzipAgrees()).toBe(false);
  });

  it('is not used where it would accept what the zlib pass refuses', async () => {
    vi.resetModules();
    // Anything after the first member is dropped without a word.
    vi.stubGlobal('DecompressionStream', pakoEngine({ laterChunk: 'dropped', junkInItsChunk: 'kept', cut: 'kept' }));
    const { nativeGunzipAgrees } = await import('./native-gunzip.ts');
    expect(await nativeGunzipAgrees()).toBe(false);
  });
});
