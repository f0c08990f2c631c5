import { describe, expect, it } from 'vitest';
import { memorySinkFactory } from './memory.ts';

describe('memorySinkFactory', () => {
  it('joins written chunks into one Blob in order', async () => {
    const sink = memorySinkFactory.create();
    sink.write(new Uint8Array([1, 2]));
    await sink.write(new Uint8Array([3]));
    const blob = await sink.close();
    expect(new Uint8Array(await blob.arrayBuffer())).toEqual(new Uint8Array([1, 2, 3]));
  });

  it('refuses writes after close or abort', async () => {
    const closed = memorySinkFactory.create();
    await closed.close();
    expect(() => closed.write(new Uint8Array(1))).toThrow(/already closed/);
    const aborted = memorySinkFactory.create();
    aborted.abort();
    await expect(aborted.close()).rejects.toThrow(/already closed or aborted/);
  });
});
