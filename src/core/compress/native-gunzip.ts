// Gzip through the engine's own DecompressionStream where it reads gzip as our zlib pass
// (gunzip.ts) does: 1.5-1.9x faster than pako in Chromium on layers (bench/run.ts). The engine's
// pass is trusted only when it ends without an error, and only in an engine whose verdicts on a
// few probe streams match ours (concatenated members, junk or zeros after a member, a cut member,
// a wrong CRC, reserved flags). On any error (Chromium stops at a second member, which Layerpad's
// own layers have) the zlib pass reads the stream again from its start and carries on after the
// bytes already handed out, so every verdict and message on bad input stays zlib's own.

import { gzipSync } from 'fflate';
import { OutputBudget, type DecompressOptions } from './budget.ts';
import { gunzipStream } from './gunzip.ts';

/** Compressed bytes handed to the engine per step, which bounds what one step can put out. */
const INPUT_STEP = 16 * 1024;

/**
 * Decompresses the gzip stream that `open` reads (called once more when the engine's pass fails,
 * for the zlib pass, so it must read the same bytes from the start each time).
 */
export async function* gunzipPreferNative(open: () => AsyncIterable<Uint8Array>, opts: DecompressOptions): AsyncGenerator<Uint8Array> {
  let delivered = 0;
  if (await nativeGunzipAgrees()) {
    const fed = { bytes: 0 };
    const budget = new OutputBudget('gzip', opts.maxOutput);
    const native = nativeGunzip(open(), fed);
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
          return;
        }
        budget.spend(next.value.byteLength, fed.bytes);
        delivered += next.value.byteLength;
        yield next.value;
      }
      settled = true;
    } finally {
      if (!settled) await native.return(undefined);
    }
  }
  let skip = delivered;
  for await (const chunk of gunzipStream(open(), opts)) {
    if (skip >= chunk.byteLength) {
      skip -= chunk.byteLength;
      continue;
    }
    yield skip > 0 ? chunk.subarray(skip) : chunk;
    skip = 0;
  }
}

/** The engine's gzip decoding of `src`, fed in small steps; `fed.bytes` counts what it was given. */
async function* nativeGunzip(src: AsyncIterable<Uint8Array>, fed: { bytes: number }): AsyncGenerator<Uint8Array> {
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
      controller.enqueue(step as Uint8Array<ArrayBuffer>);
    },
    async cancel() {
      await input.return?.();
    },
  }, { highWaterMark: 0 });
  const reader = compressed.pipeThrough(new DecompressionStream('gzip')).getReader();
  let finished = false;
  try {
    for (;;) {
      const { done, value } = await reader.read();
      if (done) {
        finished = true;
        return;
      }
      yield value;
    }
  } finally {
    if (!finished) await reader.cancel().catch(() => {});
  }
}

let agrees: Promise<boolean> | undefined;

/** Whether this engine's DecompressionStream gives our verdicts on the probe streams (asked once). */
export function nativeGunzipAgrees(): Promise<boolean> {
  agrees ??= probeNativeGunzip().catch(() => false);
  return agrees;
}

async function probeNativeGunzip(): Promise<boolean> {
  if (typeof DecompressionStream !== 'function') return false;
  const text = new TextEncoder();
  const first = 'layerpad probe, member one';
  const second = 'member two';
  const one = gzipSync(text.encode(first));
  const two = gzipSync(text.encode(second));
  const join = (...parts: Uint8Array[]) => {
    const out = new Uint8Array(parts.reduce((n, p) => n + p.byteLength, 0));
    parts.reduce((at, p) => (out.set(p, at), at + p.byteLength), 0);
    return out;
  };
  const changed = (at: number, value: (b: number) => number) => {
    const copy = one.slice();
    copy[at] = value(copy[at]);
    return copy;
  };
  // What our zlib pass gives each stream. The engine must give the same, or fail where ours
  // succeeds (the zlib pass then takes over); it must never succeed where ours fails.
  const cases: [Uint8Array, string][] = [
    [join(one, two), first + second],
    [join(one, Uint8Array.of(0x78)), 'error'],
    [join(one, Uint8Array.of(0, 0x78)), first],
    [one.subarray(0, one.byteLength - 4), 'error'],
    [changed(one.byteLength - 8, (b) => b ^ 1), 'error'],
    [changed(3, (b) => b | 0x20), 'error'],
  ];
  for (const [bytes, ours] of cases) {
    const got = await decodeWhole(bytes);
    if (ours === 'error' ? got !== 'error' : got !== 'error' && got !== ours) return false;
  }
  // And it must read a plain member, or it would never be worth asking.
  return (await decodeWhole(one)) === first;
}

async function decodeWhole(bytes: Uint8Array): Promise<string> {
  try {
    const parts: Uint8Array[] = [];
    for await (const part of nativeGunzip((async function* () { yield bytes; })(), { bytes: 0 })) parts.push(part);
    return new TextDecoder().decode(await new Blob(parts as Uint8Array<ArrayBuffer>[]).arrayBuffer());
  } catch {
    return 'error';
  }
}
