import { describe, expect, it } from 'vitest';
import { createKeyedLock } from './keyed-lock.ts';

const tick = () => new Promise((resolve) => setTimeout(resolve, 5));

describe('createKeyedLock', () => {
  it('runs work for one key one at a time, in order, even after a failure; other keys run alongside', async () => {
    const lock = createKeyedLock();
    const log: string[] = [];
    const work = (name: string, fail = false) => async () => {
      log.push(`start ${name}`);
      await tick();
      log.push(`end ${name}`);
      if (fail) throw new Error(name);
      return name;
    };
    const a1 = lock.run('a', work('a1', true));
    const a2 = lock.run('a', work('a2'));
    const b1 = lock.run('b', work('b1'));
    await expect(a1).rejects.toThrow('a1');
    expect(await a2).toBe('a2');
    expect(await b1).toBe('b1');
    const a = log.filter((line) => line.includes(' a'));
    expect(a).toEqual(['start a1', 'end a1', 'start a2', 'end a2']);
    expect(log.indexOf('start b1')).toBeLessThan(log.indexOf('end a1'));
  });
});
