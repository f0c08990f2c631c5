import { describe, expect, it } from 'vitest';
import { sendInSlices } from './slices.ts';

/** A fake clock where sending costs `msPerItem` for each item of the slice. */
function costly(msPerItem: number) {
  let clock = 0;
  const sizes: number[] = [];
  const send = async (slice: number[]) => {
    sizes.push(slice.length);
    clock += slice.length * msPerItem;
    return slice.map((n) => n * 2);
  };
  return { sizes, send, now: () => clock };
}

describe('sendInSlices', () => {
  it('sends every item once, in order, and returns the answers in order', async () => {
    const items = Array.from({ length: 1000 }, (_, i) => i);
    const { send, now } = costly(0.01);
    const answers = await sendInSlices(items, send, { now });
    expect(answers.flat()).toEqual(items.map((n) => n * 2));
  });

  it('grows slices while sends are cheap, up to the maximum', async () => {
    const { sizes, send, now } = costly(0.001);
    await sendInSlices(Array.from({ length: 5000 }, (_, i) => i), send, { now, first: 10, max: 640 });
    expect(sizes.slice(0, 7)).toEqual([10, 20, 40, 80, 160, 320, 640]);
    expect(Math.max(...sizes)).toBe(640);
  });

  it('can take the cost from the answer, for work done after the send returns', async () => {
    const sizes: number[] = [];
    const send = async (slice: number[]) => (sizes.push(slice.length), slice.length * 3); // 3 ms per item, reported
    await sendInSlices(Array.from({ length: 60 }, (_, i) => i), send, { first: 20, budgetMs: 12, costOf: (ms) => ms as number });
    expect(sizes).toEqual([20, 4, 4, 4, 4, 4, 4, 4, 4, 4, 4]);
  });

  it('shrinks slices so that one send stays within the budget when sends are slow', async () => {
    const { sizes, send, now } = costly(2); // 2 ms per item: a very busy machine
    await sendInSlices(Array.from({ length: 100 }, (_, i) => i), send, { now, first: 20, budgetMs: 12 });
    expect(sizes[0]).toBe(20);
    expect(sizes.slice(1).every((n) => n * 2 <= 12)).toBe(true);
    expect(sizes.reduce((a, b) => a + b, 0)).toBe(100);
  });
});
