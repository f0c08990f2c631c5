// The zstd frame reader and fzstd: only DecompressionError may come out, the output stays under
// the budget, and on a sample of cases the verdict and bytes match the zstd tool's. One gap is
// known and not counted: fzstd's block decoder checks less than libzstd, so a corrupt frame that
// carries no content checksum can decode where the zstd tool refuses it ("Data corruption
// detected", "Src size is incorrect"); frames with a checksum (zstd's default) are refused.

import { spawnSync } from 'node:child_process';
import { DecompressionError } from '../../src/core/compress/budget.ts';
import { zstdDecompressStream } from '../../src/core/compress/zstd.ts';
import { chunksOf, collect } from '../../src/test-support/bytes.ts';
import { mutate } from '../mutate.ts';
import { Finding, refusal, type FuzzTarget } from '../target.ts';

const MAX_OUTPUT = 1024 * 1024;

export const zstdTarget: FuzzTarget = {
  name: 'zstd',
  next: (rng, corpus) => mutate(rng.pick(corpus), rng, corpus),
  async check(input, rng, thorough = false) {
    let ours: Uint8Array | undefined;
    const refused = await refusal([DecompressionError], async () => {
      ours = await collect(zstdDecompressStream(chunksOf(input, 1 + rng.below(4096)), { maxOutput: MAX_OUTPUT }));
    });
    if (ours && ours.length > MAX_OUTPUT) throw new Finding('bound', `output of ${ours.length} bytes passed the budget`);
    if ((!thorough && rng.below(32) !== 0) || refused?.message.includes('budget') || refused?.message.includes('window')) return;
    const tool = spawnSync('zstd', ['-d', '-c', '-q', '--memory=128MB'], { input, maxBuffer: MAX_OUTPUT * 2 });
    const toolOk = tool.status === 0 && tool.stdout.length <= MAX_OUTPUT;
    if (!toolOk && !refused && hasFrameWithoutChecksum(input)) return;
    if (toolOk !== !refused) {
      throw new Finding('differential', `zstd ${toolOk ? 'accepts' : `refuses (${tool.stderr.toString().trim().slice(0, 200)})`}, ours ${refused ? `refuses (${refused.message})` : 'accepts'}`);
    }
    if (ours && toolOk && Buffer.compare(Buffer.from(ours), tool.stdout) !== 0) throw new Finding('differential', 'both accept but the output differs');
  },
};

/** Whether any zstd frame in `input` lacks the content checksum flag (FHD bit 2). */
function hasFrameWithoutChecksum(input: Uint8Array): boolean {
  for (let at = 0; at + 5 <= input.length; at++) {
    if (input[at] === 0x28 && input[at + 1] === 0xb5 && input[at + 2] === 0x2f && input[at + 3] === 0xfd && (input[at + 4] & 0x04) === 0) return true;
  }
  return false;
}
