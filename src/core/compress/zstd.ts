// Streaming zstd decoding (fzstd) for reading `+zstd` layers where the browser has no native
// decoder. Runs under an output budget, and frame headers are vetted before fzstd sees them
// because fzstd sizes its window buffer from the (untrusted) header.

import { Decompress } from 'fzstd';
import { DecompressionError, INPUT_STEP, OutputBudget, type DecompressOptions } from './budget.ts';
import { ZstdFrameScanner } from './zstd-frames.ts';

export async function* zstdDecompressStream(
  src: AsyncIterable<Uint8Array>,
  opts: DecompressOptions,
): AsyncGenerator<Uint8Array> {
  const budget = new OutputBudget('zstd', opts.maxOutput);
  const scanner = new ZstdFrameScanner();
  let out: Uint8Array[] = [];
  let offset = 0;
  let sawInput = false;
  // fzstd calls back once per block, so the budget is enforced per block; an input step of RLE
  // blocks can still emit up to INPUT_STEP / 4 * 128 KiB before the generator yields.
  const decoder = new Decompress((chunk) => {
    budget.spend(chunk.byteLength, offset);
    if (chunk.byteLength > 0) out.push(chunk);
  });

  const push = (chunk: Uint8Array, final: boolean) => {
    try {
      decoder.push(chunk, final);
    } catch (error) {
      if (error instanceof DecompressionError) throw error;
      const what = final ? 'truncated or corrupt zstd stream at its end' : 'corrupt zstd data';
      const reason = error instanceof Error ? error.message : String(error);
      throw new DecompressionError(`${what} (compressed bytes ${offset}..${offset + chunk.byteLength}): ${reason}`);
    }
  };

  for await (const chunk of src) {
    for (let at = 0; at < chunk.byteLength; at += INPUT_STEP) {
      const step = chunk.subarray(at, at + INPUT_STEP);
      scanner.scan(step);
      push(step, false);
      offset += step.byteLength;
      sawInput = true;
      yield* out;
      out = [];
    }
  }
  if (!sawInput) throw new DecompressionError('zstd: the stream is empty (0 compressed bytes)');
  push(new Uint8Array(0), true);
  yield* out;
}
