import { describe, expect, it } from 'vitest';
import { noise } from '../../test-support/bytes.ts';
import { readAhead } from './read-ahead.ts';

async function collect(chunks: AsyncIterable<Uint8Array>): Promise<Uint8Array> {
  const parts: number[] = [];
  for await (const chunk of chunks) parts.push(...chunk);
  return Uint8Array.from(parts);
}

/** A Blob whose slices say how many of them are being read at once. */
function watchedBlob(bytes: Uint8Array<ArrayBuffer>) {
  const seen = { reading: 0, most: 0, slices: 0 };
  const blob = new Blob([bytes]);
  const watched = {
    size: blob.size,
    slice(start: number, end: number) {
      seen.slices++;
      return {
        async arrayBuffer() {
          seen.most = Math.max(seen.most, ++seen.reading);
          await new Promise((resolve) => setTimeout(resolve, 5));
          seen.reading--;
          return blob.slice(start, end).arrayBuffer();
        },
      };
    },
  } as unknown as Blob;
  return { watched, seen };
}

describe('readAhead', () => {
  it('gives the bytes in order, a last short slice included, with at most `ahead` slices read at once', async () => {
    const bytes = noise(10_000);
    const { watched, seen } = watchedBlob(bytes);
    expect(await collect(readAhead(watched, 1024, 3))).toEqual(bytes);
    expect(seen.slices).toBe(10);
    expect(seen.most).toBe(3);
    expect(await collect(readAhead(new Blob([]), 1024, 3))).toEqual(new Uint8Array(0));
  });

  it('stops reading when the consumer stops', async () => {
    const { watched, seen } = watchedBlob(noise(100 * 1024));
    for await (const _slice of readAhead(watched, 1024, 2)) break;
    expect(seen.slices).toBe(3); // the first two, and the one started when the first was taken
  });
});
