// Streaming, multi-member gzip decoding under an output budget. fflate's Gunzip stream decodes
// every member of a concatenated stream (gunzipSync stops after the first), which matters because
// Layerpad's own layers are written as one member per 4 MiB piece. Every member's trailer is
// checked (GzipTrailerCheck), so truncation and corruption are errors, not short output.

import { Gunzip } from 'fflate';
import { DecompressionError, OutputBudget, type DecompressOptions } from './budget.ts';
import { GzipTrailerCheck } from './gzip-trailer.ts';

/** Bytes fed to the decoder per step, which bounds what one step can emit (deflate: ~1032:1). */
const INPUT_STEP = 16 * 1024;

export async function* gunzipStream(
  src: AsyncIterable<Uint8Array>,
  opts: DecompressOptions,
): AsyncGenerator<Uint8Array> {
  const budget = new OutputBudget('gzip', opts.maxOutput);
  let out: Uint8Array[] = [];
  let offset = 0;
  let sawInput = false;
  const trailer = await GzipTrailerCheck.create();
  const gunzip = new Gunzip((chunk) => {
    budget.spend(chunk.byteLength, offset);
    trailer.output(chunk);
    if (chunk.byteLength > 0) out.push(chunk);
  });
  gunzip.onmember = (memberOffset) => trailer.memberEnded(memberOffset);

  const push = (chunk: Uint8Array, final: boolean) => {
    try {
      gunzip.push(chunk, final);
    } catch (error) {
      if (error instanceof DecompressionError) throw error;
      const what = final ? 'truncated or corrupt gzip stream at its end' : 'corrupt gzip data';
      throw new DecompressionError(
        `${what} (compressed bytes ${offset}..${offset + chunk.byteLength}): ${messageOf(error)}`,
      );
    }
  };

  for await (const chunk of src) {
    for (let at = 0; at < chunk.byteLength; at += INPUT_STEP) {
      const step = chunk.subarray(at, at + INPUT_STEP);
      trailer.input(step, offset);
      push(step, false);
      offset += step.byteLength;
      sawInput = true;
      yield* out;
      out = [];
    }
  }
  if (!sawInput) throw new DecompressionError('gzip: the stream is empty (0 compressed bytes)');
  push(new Uint8Array(0), true);
  trailer.memberEnded(offset);
  yield* out;
}

function messageOf(error: unknown): string {
  return error instanceof Error ? error.message : String(error);
}
