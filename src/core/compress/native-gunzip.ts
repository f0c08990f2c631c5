// Gzip through the engine's own DecompressionStream where it reads gzip as our zlib pass
// (gunzip.ts) does: 1.5-1.9x faster than pako in Chromium on layers (bench/run.ts). The engine's
// pass is trusted only in an engine whose verdicts on probe streams match ours (concatenated
// members, junk or zeros after a member, each also in a chunk of its own, a cut member, a wrong
// CRC or length, reserved flags), and only when it ends without an error; in an engine that
// stops after one member (Chromium), also only when the stream's last eight bytes are the CRC-32
// and length of everything it gave (one member ending at the end, as Docker and skopeo write
// them). Otherwise (Chromium stops at a second member, which Layerpad's own layers have) the zlib
// pass reads the stream again from its start and carries on after the bytes already handed out,
// so every verdict and message on bad input stays zlib's own.

import { gzipSync } from 'fflate';
import { OutputBudget, type DecompressOptions } from './budget.ts';
import { gunzipStream } from './gunzip.ts';
import { concat } from '../tar/header.ts';
import { createCrc32 } from '../hash/crc32.ts';
import { iterateStream } from '../hash/sha256.ts';

/** Compressed bytes handed to the engine per step, which bounds what one step can put out. */
const INPUT_STEP = 16 * 1024;

/**
 * Decompresses the gzip stream that `open` reads (called once more when the engine's pass fails,
 * for the zlib pass, so it must read the same bytes from the start each time). `reusable` tells
 * `open` whether its chunks may share one buffer: the zlib pass is done with each chunk before it
 * asks for the next; the engine's pass hands them to the engine's streams, which promise no such thing.
 */
export async function* gunzipPreferNative(open: (reusable: boolean) => AsyncIterable<Uint8Array>, opts: DecompressOptions): AsyncGenerator<Uint8Array> {
  let delivered = 0;
  const engine = await nativeGunzipProbe();
  if (engine.agrees) {
    const fed = newFed();
    const budget = new OutputBudget('gzip', opts.maxOutput);
    const crc = await createCrc32();
    const native = nativeGunzip(open(false), fed);
    let settled = false;
    try {
      for (;;) {
        let next: IteratorResult<Uint8Array>;
        try {
          next = await native.next();
        } catch {
          break; // the zlib pass below gives the verdict
        }
        if (next.done) {
          settled = true;
          // An engine that reads every member has had each one's trailer checked (the probes say
          // so); one that stops after the first must have read exactly one member, to the end.
          if (engine.allMembers || endsWithTrailerOf(fed, crc.value(), delivered)) return;
          break; // not one member ending at the end: the zlib pass decides
        }
        budget.spend(next.value.byteLength, fed.bytes);
        crc.update(next.value);
        delivered += next.value.byteLength;
        yield next.value;
      }
      settled = true;
    } finally {
      if (!settled) await native.return(undefined);
    }
  }
  let skip = delivered;
  for await (const chunk of gunzipStream(open(true), opts)) {
    if (skip >= chunk.byteLength) {
      skip -= chunk.byteLength;
      continue;
    }
    yield skip > 0 ? chunk.subarray(skip) : chunk;
    skip = 0;
  }
}

/** What the engine was given: how many bytes, and the last eight of them. */
interface Fed {
  bytes: number;
  tail: Uint8Array;
  tailLength: number;
}

const newFed = (): Fed => ({ bytes: 0, tail: new Uint8Array(8), tailLength: 0 });

/** Whether the last eight bytes fed are a gzip trailer (CRC-32, then length mod 2^32, little-endian) for `crc` and `length`. */
function endsWithTrailerOf(fed: Fed, crc: number, length: number): boolean {
  if (fed.tailLength < 8) return false;
  const view = new DataView(fed.tail.buffer);
  return view.getUint32(0, true) === crc && view.getUint32(4, true) === length % 2 ** 32;
}

function keepTail(fed: Fed, step: Uint8Array): void {
  const keep = Math.min(8, step.byteLength);
  fed.tail.copyWithin(0, keep); // shift the older bytes left by what comes in
  fed.tail.set(step.subarray(step.byteLength - keep), 8 - keep);
  fed.tailLength = Math.min(8, fed.tailLength + keep);
}

/** The engine's gzip decoding of `src`, fed in small steps; `fed` records what it was given. */
async function* nativeGunzip(src: AsyncIterable<Uint8Array>, fed: Fed): AsyncGenerator<Uint8Array> {
  const input = src[Symbol.asyncIterator]();
  let chunk: Uint8Array = new Uint8Array(0);
  let at = 0;
  const compressed = new ReadableStream<BufferSource>({
    async pull(controller) {
      while (at === chunk.length) {
        const next = await input.next();
        if (next.done) return controller.close();
        chunk = next.value;
        at = 0;
      }
      const step = chunk.subarray(at, at + INPUT_STEP);
      at += step.byteLength;
      fed.bytes += step.byteLength;
      keepTail(fed, step);
      controller.enqueue(step as Uint8Array<ArrayBuffer>);
    },
    async cancel() {
      await input.return?.();
    },
  }, { highWaterMark: 0 });
  yield* iterateStream(compressed.pipeThrough(new DecompressionStream('gzip')));
}

/** What the probes found: whether the engine's verdicts agree with ours, and whether it reads concatenated members. */
interface EngineGzip {
  agrees: boolean;
  allMembers: boolean;
}

let probed: Promise<EngineGzip> | undefined;

function nativeGunzipProbe(): Promise<EngineGzip> {
  probed ??= probeNativeGunzip().catch(() => ({ agrees: false, allMembers: false }));
  return probed;
}

/** Whether this engine's DecompressionStream gives our verdicts on the probe streams (asked once). */
export async function nativeGunzipAgrees(): Promise<boolean> {
  return (await nativeGunzipProbe()).agrees;
}

async function probeNativeGunzip(): Promise<EngineGzip> {
  const no = { agrees: false, allMembers: false };
  if (typeof DecompressionStream !== 'function') return no;
  const text = new TextEncoder();
  const first = 'layerpad probe, member one';
  const second = 'member two';
  const one = gzipSync(text.encode(first));
  const two = gzipSync(text.encode(second));
  const changed = (at: number, value: (b: number) => number) => {
    const copy = one.slice();
    copy[at] = value(copy[at]);
    return copy;
  };
  // What our zlib pass gives each stream, given whole and in chunks that end where a member does.
  // The engine must give the same, or fail where ours succeeds (the zlib pass then takes over);
  // it must never succeed where ours fails.
  const junk = Uint8Array.of(0x78);
  const zeroThenJunk = Uint8Array.of(0, 0x78);
  const bothMembers: Uint8Array[] = [one, two];
  const cases: [Uint8Array[], string][] = [
    [bothMembers, first + second],
    [[one, junk], 'error'],
    [[one, zeroThenJunk], first],
    [[one.subarray(0, one.byteLength - 4)], 'error'],
    [[changed(one.byteLength - 8, (b) => b ^ 1)], 'error'],
    [[changed(one.byteLength - 4, (b) => b ^ 1)], 'error'],
    [[changed(3, (b) => b | 0x20)], 'error'],
  ];
  // Whether it read both members, whole and split, rather than failing where ours does not.
  let allMembers = true;
  for (const [parts, ours] of cases) {
    for (const chunks of parts.length > 1 ? [[concat(...parts)], parts] : [parts]) {
      const got = await decodeWhole(chunks);
      if (ours === 'error' ? got !== 'error' : got !== 'error' && got !== ours) return no;
      if (parts === bothMembers && got !== ours) allMembers = false;
    }
  }
  // And it must read a plain member, or it would never be worth asking.
  if ((await decodeWhole([one])) !== first) return no;
  return { agrees: true, allMembers };
}

async function decodeWhole(chunks: Uint8Array[]): Promise<string> {
  try {
    const parts: Uint8Array[] = [];
    for await (const part of nativeGunzip((async function* () { yield* chunks; })(), newFed())) parts.push(part);
    return new TextDecoder().decode(await new Blob(parts as Uint8Array<ArrayBuffer>[]).arrayBuffer());
  } catch {
    return 'error';
  }
}
