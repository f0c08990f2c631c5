// Streaming zstd decoding (fzstd) for reading `+zstd` layers where the browser has no native
// decoder. The input is cut into whole blocks first (see zstd-frames.ts), so window sizes are
// vetted before allocation and at most one block (128 KiB) is decoded between budget checks.
// fzstd does not check a frame's content checksum; we do (XXH64, as the zstd tool does), so a
// corrupt frame is refused rather than read as other bytes.

import { Decompress } from 'fzstd';
import { createXXHash64 } from 'hash-wasm';
import { DecompressionError, OutputBudget, type DecompressOptions } from './budget.ts';
import { ZstdUnitSplitter, type ZstdUnit } from './zstd-frames.ts';

export async function* zstdDecompressStream(
  src: AsyncIterable<Uint8Array>,
  opts: DecompressOptions,
): AsyncGenerator<Uint8Array> {
  const budget = new OutputBudget('zstd', opts.maxOutput);
  const splitter = new ZstdUnitSplitter();
  let out: Uint8Array[] = [];
  let current: ZstdUnit = { bytes: new Uint8Array(0), offset: 0, kind: 'frameHeader' };
  let sawInput = false;
  const content = await createXXHash64();
  // One decoder per frame, finished at the frame's end, so all of a frame's output has been seen
  // when its checksum is compared (fzstd holds back input shorter than a frame header).
  let decoder: Decompress | undefined;
  const guarded = (unit: ZstdUnit, run: () => void) => {
    current = unit;
    try {
      run();
    } catch (error) {
      if (error instanceof DecompressionError) throw error;
      const reason = error instanceof Error ? error.message : String(error);
      const end = unit.offset + unit.bytes.byteLength;
      throw new DecompressionError(`corrupt zstd data (compressed bytes ${unit.offset}..${end}): ${reason}`);
    }
  };
  const finishFrame = (unit: ZstdUnit) => {
    if (decoder) guarded(unit, () => decoder!.push(new Uint8Array(0), true));
    decoder = undefined;
  };
  const push = (unit: ZstdUnit) => {
    if (unit.kind === 'frameHeader') {
      finishFrame(unit);
      content.init();
      decoder = new Decompress((chunk) => {
        budget.spend(chunk.byteLength, current.offset + current.bytes.byteLength);
        if (chunk.byteLength === 0) return;
        content.update(chunk);
        out.push(chunk);
      });
    }
    guarded(unit, () => decoder!.push(unit.bytes, false));
    if (unit.kind === 'checksum') {
      finishFrame(unit);
      checkContent(unit, content.digest('hex'));
    }
  };

  for await (const chunk of src) {
    if (chunk.byteLength > 0) sawInput = true;
    for (const unit of splitter.push(chunk)) {
      push(unit);
      yield* out;
      out = [];
    }
  }
  if (!sawInput) throw new DecompressionError('zstd: the stream is empty (0 compressed bytes)');
  splitter.end();
  finishFrame({ bytes: new Uint8Array(0), offset: current.offset + current.bytes.byteLength, kind: 'block' });
  yield* out;
}

/** The 4 checksum bytes are the low 32 bits of the frame content's XXH64, little-endian. */
function checkContent(unit: ZstdUnit, xxh64: string): void {
  const stored = new DataView(unit.bytes.buffer, unit.bytes.byteOffset, 4).getUint32(0, true);
  const actual = Number.parseInt(xxh64.slice(8), 16);
  if (stored !== actual) {
    const hex = (n: number) => n.toString(16).padStart(8, '0');
    throw new DecompressionError(`zstd: frame content checksum at compressed offset ${unit.offset} is ${hex(stored)}, the data gives ${hex(actual)} (corrupt frame)`);
  }
}
