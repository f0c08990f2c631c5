// gzip that zlib refuses must be refused here too, with the offset (HOSTILE-INPUTS.md item 28):
// every case is judged by node:zlib (zlib itself) in the same test, and GNU gzip where it differs.

import { execFileSync, spawnSync } from 'node:child_process';
import { gunzipSync, gzipSync } from 'node:zlib';
import { describe, expect, it } from 'vitest';
import { chunksOf, collect, text } from '../../test-support/bytes.ts';
import { requireTool } from '../../test-support/oracle.ts';
import { gunzipStream } from './gunzip.ts';

const data = text(5000);
const member = (level = 6) => new Uint8Array(gzipSync(data, { level }));

function zlibVerdict(bytes: Uint8Array): string {
  try {
    gunzipSync(bytes);
    return 'ok';
  } catch (error) {
    return (error as Error).message;
  }
}

async function ours(bytes: Uint8Array): Promise<string> {
  try {
    await collect(gunzipStream(chunksOf(bytes, 333), { maxOutput: 1e8 }));
    return 'ok';
  } catch (error) {
    return (error as Error).message;
  }
}

/** Inserts `extra` after the 10-byte fixed header and sets `flag` in FLG. */
function withHeaderField(flag: number, extra: number[]): Uint8Array {
  const gz = member();
  const out = new Uint8Array(gz.length + extra.length);
  out.set(gz.subarray(0, 10));
  out[3] |= flag;
  out.set(extra, 10);
  out.set(gz.subarray(10), 10 + extra.length);
  return out;
}

describe('gzip refused exactly where zlib refuses it', () => {
  const stored = member(0);
  const badNlen = stored.slice();
  badNlen[13] ^= 0xff; // NLEN of the first stored block (after the 10-byte header and the block byte, LEN)
  const reservedType = member();
  reservedType[10] = 0x07; // BFINAL=1, BTYPE=11 (reserved)
  const badCodes = member();
  badCodes[10] = 0x05; // dynamic block ...
  badCodes[11] = 0xff; // ... whose HLIT says more than 286 literal/length codes
  const reservedFlags = member();
  reservedFlags[3] |= 0xe0;

  it.each([
    ['reserved flag bits', reservedFlags, 'unknown header flags set at compressed offset 4'],
    ['FEXTRA running past the end', withHeaderField(0x04, [0xff, 0xff, 1, 2, 3]).subarray(0, 20), 'truncated or corrupt gzip stream at its end'],
    ['FNAME running past the end', withHeaderField(0x08, [0x61, 0x62]).subarray(0, 12), 'truncated or corrupt gzip stream at its end'],
    ['a wrong header CRC (FHCRC)', withHeaderField(0x02, [0x12, 0x34]), 'header crc mismatch at compressed offset 12'],
    ['bad stored-block lengths', badNlen, 'invalid stored block lengths at compressed offset 15'],
    ['a reserved block type', reservedType, 'invalid block type at compressed offset 11'],
    ['corrupt Huffman code lengths', badCodes, 'too many length or distance symbols at compressed offset 13'],
  ])('%s', async (_label, bytes, message) => {
    expect(zlibVerdict(bytes)).not.toBe('ok');
    expect(await ours(bytes)).toContain(message);
  });

  it('a right header CRC is accepted, as zlib does', async () => {
    const head = member().subarray(0, 10);
    const crc = Number(BigInt.asUintN(16, BigInt(zlibCrc(Uint8Array.of(...head.subarray(0, 3), head[3] | 0x02, ...head.subarray(4, 10))))));
    const bytes = withHeaderField(0x02, [crc & 0xff, crc >> 8]);
    expect(zlibVerdict(bytes)).toBe('ok');
    expect(await ours(bytes)).toBe('ok');
  });

  it('every single-byte corruption of a member gets the same verdict from zlib and from us', async () => {
    const gz = member();
    for (let at = 0; at < gz.length; at++) {
      for (const flip of [0x01, 0x80, 0xff]) {
        const bent = gz.slice();
        bent[at] ^= flip;
        const z = zlibVerdict(bent) === 'ok';
        expect({ at, flip, ok: (await ours(bent)) === 'ok' }).toEqual({ at, flip, ok: z });
      }
    }
  });

  it.skipIf(!requireTool('gzip'))('stray bytes after a member: an error unless they are zeros, as zlib and GNU gzip decide', async () => {
    const end = member().length;
    const garbage = new Uint8Array([...member(), 0x41, 0x42, 0x43]);
    expect(zlibVerdict(garbage)).toBe('incorrect header check');
    expect(await ours(garbage)).toContain(`incorrect header check at compressed offset ${end + 2} (member starting at ${end}); the bytes after the member that ended at offset ${end} are not another gzip member`);
    const oneByte = new Uint8Array([...member(), 0x01]);
    expect(zlibVerdict(oneByte)).toBe('unexpected end of file');
    expect(await ours(oneByte)).toContain(`the member that starts at offset ${end} is cut`);
    const zeros = new Uint8Array([...member(), 0, 0, 0x41]);
    expect(zlibVerdict(zeros)).toBe('ok');
    expect(spawnSync('gzip', ['-dc'], { input: zeros }).status).not.toBe(1);
    expect(await ours(zeros)).toBe('ok');
  });

  it('concatenated members stay one valid stream', async () => {
    const bytes = new Uint8Array([...member(), ...member(1), ...member(9)]);
    expect(execFileSync('gzip', ['-dc'], { input: bytes }).length).toBe(3 * data.length);
    expect(await ours(bytes)).toBe('ok');
  });
});

function zlibCrc(bytes: Uint8Array): number {
  let crc = ~0;
  for (const b of bytes) {
    crc ^= b;
    for (let k = 0; k < 8; k++) crc = crc & 1 ? (crc >>> 1) ^ 0xedb88320 : crc >>> 1;
  }
  return ~crc >>> 0;
}
