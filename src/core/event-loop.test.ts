import { describe, expect, it } from 'vitest';
import { createSha256, iterateBlob } from './hash/sha256.ts';

describe('cooperative yielding in byte loops', () => {
  it('lets a timer (like a cancel message) run while a large in-memory blob is hashed', async () => {
    // Node resolves every read of an in-memory Blob without a task boundary; without the yield
    // in iterateBlob the timer below only fires after the last chunk.
    const blob = new Blob(Array.from({ length: 64 }, () => new Uint8Array(4 << 20)));
    const hash = await createSha256();
    let fired = false;
    setTimeout(() => (fired = true), 0);
    let read = 0;
    for await (const chunk of iterateBlob(blob)) {
      hash.update(chunk);
      read += chunk.byteLength;
      if (fired) break;
    }
    expect(fired).toBe(true);
    expect(read).toBeLessThan(blob.size);
  });
});
