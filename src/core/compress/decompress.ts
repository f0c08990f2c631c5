// One entry point for reading a possibly-compressed byte stream under an output budget.

import { OutputBudget, type DecompressOptions } from './budget.ts';
import type { Compression } from './detect.ts';
import { gunzipStream } from './gunzip.ts';
import { zstdDecompressStream } from './zstd.ts';

export async function* decompressStream(
  src: AsyncIterable<Uint8Array>,
  compression: Compression,
  opts: DecompressOptions,
): AsyncGenerator<Uint8Array> {
  switch (compression) {
    case 'gzip':
      yield* gunzipStream(src, opts);
      return;
    case 'zstd':
      yield* zstdDecompressStream(src, opts);
      return;
    case 'none': {
      const budget = new OutputBudget('uncompressed stream', opts.maxOutput);
      let offset = 0;
      for await (const chunk of src) {
        offset += chunk.byteLength;
        budget.spend(chunk.byteLength, offset);
        yield chunk;
      }
    }
  }
}
