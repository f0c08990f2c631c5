// The engine lab page (bench/serve-lab.ts) for specs that drive the engine in a Chromium worker
// directly: opened once per spec file, closed after it.
import { test } from '@playwright/test';
import { openLab, type Lab } from '../../bench/serve-lab.ts';

/** Registers the lab's setup and teardown; call the returned function inside a test. */
export function useLab(): () => Lab {
  let lab: Lab | undefined;
  test.beforeAll(async () => {
    lab = await openLab();
  });
  test.afterAll(async () => {
    await lab?.close();
  });
  return () => {
    if (!lab) throw new Error('the lab page is not open (beforeAll failed?)');
    return lab;
  };
}
