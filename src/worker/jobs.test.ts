import { describe, expect, it } from 'vitest';
import { createJobRegistry } from './jobs.ts';

const later = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

describe('createJobRegistry', () => {
  it('answers only after every delivered report has arrived, in each callback\'s order', async () => {
    const jobs = createJobRegistry();
    const log: string[] = [];
    // Stands in for a comlink proxy: the report's promise settles when the UI thread has run it.
    const slowly = (name: string, ms: number) => async (n: number) => {
      await later(ms);
      log.push(`${name} ${n}`);
    };
    const answer = await jobs.run('job', async (_signal, deliver) => {
      const progress = deliver(slowly('progress', 5));
      const blob = deliver(slowly('blob', 30));
      progress(1);
      blob(1);
      progress(2);
      return 'answer';
    });
    log.push(answer);
    expect(log.at(-1)).toBe('answer');
    expect(log.filter((line) => line.startsWith('progress'))).toEqual(['progress 1', 'progress 2']);
    expect(log).toContain('blob 1');
    expect(log).toHaveLength(4);
  });

  it('still answers with the job\'s error when a report fails, and cancel aborts the signal', async () => {
    const jobs = createJobRegistry();
    const failing = jobs.run('a', async (_signal, deliver) => {
      deliver(async () => {
        throw new Error('the UI is gone');
      })();
      throw new Error('job failed');
    });
    await expect(failing).rejects.toThrow('job failed');
    const cancelled = jobs.run('b', (signal) => new Promise((_, reject) => signal.addEventListener('abort', () => reject(signal.reason))));
    jobs.cancel('b');
    await expect(cancelled).rejects.toThrow('Cancelled by the user');
  });
});
