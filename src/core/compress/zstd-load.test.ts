import { afterEach, describe, expect, it, vi } from 'vitest';

// The package's init never settles when zstd.wasm cannot be fetched: stand in for that.
const init = vi.fn(() => new Promise<void>(() => {}));
vi.mock('@bokuweb/zstd-wasm', () => ({ init: () => init(), compress: (bytes: Uint8Array) => bytes }));

describe('loading the zstd encoder', () => {
  afterEach(() => vi.useRealTimers());

  it('gives up with a message instead of waiting forever, and tries again on the next piece', async () => {
    vi.useFakeTimers();
    const { zstdPiece } = await import('./zstd-pieces.ts');
    const first = zstdPiece(new Uint8Array([1, 2, 3]));
    const failed = expect(first).rejects.toThrow(/zstd encoder \(zstd\.wasm\) did not load within 20 s/);
    await vi.advanceTimersByTimeAsync(20_000);
    await failed;
    init.mockImplementation(() => Promise.resolve());
    expect(await zstdPiece(new Uint8Array([4, 5]))).toEqual(new Uint8Array([4, 5]));
    expect(init).toHaveBeenCalledTimes(2);
  });
});
