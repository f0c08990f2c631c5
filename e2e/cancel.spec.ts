// Cancel must reach a worker that is busy building: the cancel arrives as a separate message,
// which the worker handles only between steps of its byte loops. (Chromium's Blob reads cross a
// task boundary already; in Node they do not, which src/core/event-loop.test.ts covers.)
import { test, expect } from '@playwright/test';
import type { LabApi } from '../bench/browser/lab.worker.ts';
import { useLab } from './support/lab.ts';

const lab = useLab();

test('a cancel message stops a 256 MiB layer build in a worker', async () => {
  const outcome = await lab().page.evaluate(async () => {
    const engine = (window as unknown as { layerpadLab: LabApi }).layerpadLab;
    const build = engine.buildUntilCancelled(256 * 1024 * 1024);
    await new Promise((resolve) => setTimeout(resolve, 1000));
    await engine.cancelBuild();
    return build;
  });
  expect(outcome).toBe('cancelled');
});
