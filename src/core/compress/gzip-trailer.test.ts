import { describe, expect, it } from 'vitest';
import { gzipSync } from 'node:zlib';
import { gunzipStream } from './gunzip.ts';

async function decode(bytes: Uint8Array, step = 700): Promise<number> {
  async function* chunks() {
    for (let i = 0; i < bytes.length; i += step) yield bytes.subarray(i, i + step);
  }
  let n = 0;
  for await (const c of gunzipStream(chunks(), { maxOutput: 1e9 })) n += c.byteLength;
  return n;
}

describe('gzip trailer check', () => {
  const text = Buffer.from(Array.from({ length: 1500 }, (_, i) => `line ${i} ${i * i}\n`).join(''));
  const first = gzipSync(text);
  const second = gzipSync(text.subarray(0, 4000));
  const stream = Buffer.concat([first, second]);

  it('accepts a cut only at a member boundary; every other cut is an error', async () => {
    // Every offset near the member boundaries (headers, trailers) and a stride through the data.
    const near = (at: number) => Array.from({ length: 61 }, (_, i) => at - 30 + i);
    const cuts = new Set([...near(first.length), ...near(stream.length), ...near(30)]);
    for (let cut = 1; cut < stream.length; cut += 53) cuts.add(cut);
    const accepted: number[] = [];
    for (const cut of [...cuts].filter((c) => c >= 1 && c <= stream.length).sort((a, b) => a - b)) {
      try {
        await decode(stream.subarray(0, cut));
        accepted.push(cut);
      } catch (error) {
        expect(String(error)).toMatch(/gzip/);
      }
    }
    expect(accepted).toEqual([first.length, stream.length]);
  });

  it('names the member whose CRC does not match', async () => {
    const corrupt = Buffer.from(stream);
    corrupt[first.length - 6] ^= 0xff; // inside the first member's CRC-32
    await expect(decode(corrupt)).rejects.toThrow(
      new RegExp(`corrupt gzip member \\(compressed bytes 0\\.\\.${first.length}\\): trailer says CRC-32`),
    );
  });

  it('decodes both members in full', async () => {
    expect(await decode(stream)).toBe(text.length + 4000);
  });
});
