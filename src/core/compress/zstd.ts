// Streaming zstd decoding (fzstd) for reading `+zstd` layers where the browser has no native
// decoder. The input is cut into whole blocks first (see zstd-frames.ts), so window sizes are
// vetted before allocation and at most one block (128 KiB) is decoded between budget checks.

import { Decompress } from 'fzstd';
import { DecompressionError, OutputBudget, type DecompressOptions } from './budget.ts';
import { ZstdUnitSplitter, type ZstdUnit } from './zstd-frames.ts';

export async function* zstdDecompressStream(
  src: AsyncIterable<Uint8Array>,
  opts: DecompressOptions,
): AsyncGenerator<Uint8Array> {
  const budget = new OutputBudget('zstd', opts.maxOutput);
  const splitter = new ZstdUnitSplitter();
  let out: Uint8Array[] = [];
  let current: ZstdUnit = { bytes: new Uint8Array(0), offset: 0 };
  let sawInput = false;
  const decoder = new Decompress((chunk) => {
    budget.spend(chunk.byteLength, current.offset + current.bytes.byteLength);
    if (chunk.byteLength > 0) out.push(chunk);
  });

  const push = (unit: ZstdUnit, final: boolean) => {
    current = unit;
    try {
      decoder.push(unit.bytes, final);
    } catch (error) {
      if (error instanceof DecompressionError) throw error;
      const reason = error instanceof Error ? error.message : String(error);
      const end = unit.offset + unit.bytes.byteLength;
      throw new DecompressionError(`corrupt zstd data (compressed bytes ${unit.offset}..${end}): ${reason}`);
    }
  };

  for await (const chunk of src) {
    if (chunk.byteLength > 0) sawInput = true;
    for (const unit of splitter.push(chunk)) {
      push(unit, false);
      yield* out;
      out = [];
    }
  }
  if (!sawInput) throw new DecompressionError('zstd: the stream is empty (0 compressed bytes)');
  splitter.end();
  push({ bytes: new Uint8Array(0), offset: current.offset + current.bytes.byteLength }, true);
  yield* out;
}
