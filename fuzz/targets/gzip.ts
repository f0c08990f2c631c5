// Multi-member gunzip against node:zlib (zlib itself): same verdict on every case, same bytes
// when both accept. Output is bounded on both sides.

import { gunzipSync } from 'node:zlib';
import { DecompressionError } from '../../src/core/compress/budget.ts';
import { gunzipStream } from '../../src/core/compress/gunzip.ts';
import { chunksOf, collect } from '../../src/test-support/bytes.ts';
import { mutate } from '../mutate.ts';
import { Finding, refusal, type FuzzTarget } from '../target.ts';

const MAX_OUTPUT = 16 * 1024 * 1024;

export const gzipTarget: FuzzTarget = {
  name: 'gzip',
  next: (rng, corpus) => mutate(rng.pick(corpus), rng, corpus),
  async check(input, rng) {
    let ours: Uint8Array | undefined;
    const refused = await refusal([DecompressionError], async () => {
      ours = await collect(gunzipStream(chunksOf(input, 1 + rng.below(4096)), { maxOutput: MAX_OUTPUT }));
    });
    let zlib: Uint8Array | undefined;
    let zlibError = '';
    try {
      zlib = gunzipSync(input, { maxOutputLength: MAX_OUTPUT });
    } catch (error) {
      zlibError = (error as Error).message;
    }
    if (refused?.message.includes('exceeds the budget') && /maxOutputLength|larger than/i.test(zlibError)) return;
    if (Boolean(refused) !== Boolean(zlibError)) {
      throw new Finding('differential', `zlib ${zlibError ? `refuses (${zlibError})` : 'accepts'}, ours ${refused ? `refuses (${refused.message})` : 'accepts'}`);
    }
    if (ours && zlib && Buffer.compare(Buffer.from(ours), zlib) !== 0) {
      throw new Finding('differential', `both accept but the output differs (${ours.length} vs ${zlib.length} bytes)`);
    }
  },
};
