// Streaming, multi-member gzip decoding under an output budget, with zlib's own verdicts: pako is
// a port of zlib's inflate, driven here member by member, so reserved flag bits, header fields
// running past the end, a wrong header CRC, bad stored-block lengths, corrupt Huffman data and
// a wrong trailer are refused exactly where zlib refuses them, with the compressed offset.
// Concatenated members are one valid stream (RFC 1952; Layerpad writes one member per 4 MiB
// piece). After a member, a zero byte ends the stream and what follows is ignored, and any other
// byte must start another member, as node:zlib (zlib) and GNU gzip decide; Go's gzip reader
// refuses trailing zeros too.

import { ZStream, Z_BUF_ERROR, Z_NO_FLUSH, Z_OK, Z_STREAM_END, zlibInflate, zlibInflateInit2, zlibInflateReset } from 'pako';
import { DecompressionError, OutputBudget, type DecompressOptions } from './budget.ts';

/** Bytes fed to the decoder per step; output is taken in OUTPUT_STEP pieces between budget checks. */
const INPUT_STEP = 16 * 1024;
const OUTPUT_STEP = 64 * 1024;
/** zlib's windowBits for "gzip only, check the header and trailer CRCs". */
const GZIP_WINDOW_BITS = 15 + 16;
/** zlib's words for bytes that do not begin a gzip member. */
const NOT_A_MEMBER = ['incorrect header check', 'unknown compression method'];

export async function* gunzipStream(
  src: AsyncIterable<Uint8Array>,
  opts: DecompressOptions,
): AsyncGenerator<Uint8Array> {
  const budget = new OutputBudget('gzip', opts.maxOutput);
  const strm = new ZStream();
  zlibInflateInit2(strm, GZIP_WINDOW_BITS);
  strm.output = new Uint8Array(OUTPUT_STEP);
  strm.next_out = 0;
  strm.avail_out = OUTPUT_STEP;
  let offset = 0;
  let sawInput = false;
  let memberStart = 0;
  let memberOutput = 0;
  let memberEnded = false;
  let lastEnd = 0;
  // The newest compressed bytes, so a trailer error can quote the trailer.
  let recent: Uint8Array = new Uint8Array(0);

  let ignoringTail = false;
  for await (const chunk of src) {
    for (let at = 0; at < chunk.byteLength && !ignoringTail; at += INPUT_STEP) {
      const step = chunk.subarray(at, at + INPUT_STEP);
      sawInput = true;
      strm.input = step;
      strm.next_in = 0;
      strm.avail_in = step.byteLength;
      while (strm.avail_in > 0 || strm.avail_out === 0) {
        if (memberEnded) {
          const where = offset + strm.next_in;
          if (step[strm.next_in] === 0) {
            ignoringTail = true;
            break;
          }
          zlibInflateReset(strm);
          memberStart = where;
          memberOutput = 0;
          memberEnded = false;
        }
        const status = zlibInflate(strm, Z_NO_FLUSH);
        if (strm.next_out > 0) {
          const out = strm.output.subarray(0, strm.next_out);
          budget.spend(out.byteLength, offset + strm.next_in);
          memberOutput += out.byteLength;
          strm.output = new Uint8Array(OUTPUT_STEP);
          strm.next_out = 0;
          strm.avail_out = OUTPUT_STEP;
          yield out;
        }
        if (status === Z_STREAM_END) {
          memberEnded = true;
          lastEnd = offset + strm.next_in;
          continue;
        }
        if (status === Z_BUF_ERROR) break;
        if (status !== Z_OK) throw zlibError(strm, offset, step, { memberStart, produced: memberOutput, lastEnd }, [recent, step]);
      }
      recent = tail(recent, step);
      offset += step.byteLength;
    }
  }
  if (!sawInput) throw new DecompressionError('gzip: the stream is empty (0 compressed bytes)');
  if (!memberEnded) {
    throw new DecompressionError(
      `truncated or corrupt gzip stream at its end (compressed bytes ${offset}..${offset}): the member that starts at offset ${memberStart} is cut`,
    );
  }
}

/** The message for a zlib failure; trailer mismatches quote both sides, as GNU gzip does. */
function zlibError(
  strm: ZStream,
  offset: number,
  step: Uint8Array,
  member: { memberStart: number; produced: number; lastEnd: number },
  history: Uint8Array[],
): DecompressionError {
  const { memberStart, produced, lastEnd } = member;
  const where = offset + strm.next_in;
  const bytes = tail(history[0], history[1].subarray(0, strm.next_in));
  const u32 = (from: number) => new DataView(bytes.buffer, bytes.byteOffset + from, 4).getUint32(0, true);
  if (strm.msg === 'incorrect data check' && bytes.length >= 4) {
    return new DecompressionError(
      `truncated or corrupt gzip member (compressed bytes ${memberStart}..${where + 4}): trailer says CRC-32 ${hex8(u32(bytes.length - 4))}, the data gives ${hex8(strm.adler >>> 0)}`,
    );
  }
  if (strm.msg === 'incorrect length check' && bytes.length >= 4) {
    return new DecompressionError(
      `truncated or corrupt gzip member (compressed bytes ${memberStart}..${where}): trailer says ${u32(bytes.length - 4)} bytes (mod 2^32), the data gives ${produced % 2 ** 32}`,
    );
  }
  const after = memberStart > 0 && produced === 0 && NOT_A_MEMBER.includes(strm.msg)
    ? `; the bytes after the member that ended at offset ${lastEnd} are not another gzip member` : '';
  return new DecompressionError(
    `corrupt gzip data (compressed bytes ${offset}..${offset + step.byteLength}): ${strm.msg || 'inflate failed'} at compressed offset ${where} (member starting at ${memberStart})${after}`,
  );
}

/** The last few bytes of `a` followed by `b` (enough for an 8-byte trailer across steps). */
function tail(a: Uint8Array, b: Uint8Array): Uint8Array {
  const out = new Uint8Array(Math.min(16, a.length + b.length));
  const fromB = Math.min(b.length, out.length);
  out.set(a.subarray(a.length - (out.length - fromB)), 0);
  out.set(b.subarray(b.length - fromB), out.length - fromB);
  return out;
}

function hex8(n: number): string {
  return n.toString(16).padStart(8, '0');
}
