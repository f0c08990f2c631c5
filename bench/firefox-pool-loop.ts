// The loop that found the Firefox hang (README, "Firefox used to hang"): launches Debian's
// firefox-esr `LAUNCHES` times, and in each page builds the determinism sample with two
// compression helpers `BUILDS` times. A build that does not answer within 45 s is a hang: it
// prints what the lab worker last posted over HTTP and whether the page's own thread and the
// worker still answer. Run: npx tsx bench/firefox-pool-loop.ts [launches=10] [builds=30]

import { launchFirefox } from '../e2e/engines/firefox.ts';
import type { LabApi } from './browser/lab.worker.ts';
import { startLabServer } from './serve-lab.ts';

const LAUNCHES = Number(process.argv[2] ?? 10);
const BUILDS = Number(process.argv[3] ?? 30);
const HANG_MS = 45_000;

const within = <T>(ms: number, work: Promise<T>, late: string) =>
  Promise.race([work, new Promise<string>((resolve) => setTimeout(() => resolve(late), ms))]);

const lab = await startLabServer();
let builds = 0;
let hangs = 0;
try {
  for (let launch = 0; launch < LAUNCHES; launch++) {
    const driver = await launchFirefox();
    try {
      await driver.goto(lab.url);
      for (let tries = 0; !(await driver.evaluate(() => 'layerpadLab' in window, null)); tries++) {
        if (tries > 200) throw new Error('the lab page did not load');
        await new Promise((resolve) => setTimeout(resolve, 100));
      }
      for (let build = 0; build < BUILDS; build++) {
        builds++;
        const started = Date.now();
        const answer = await within(HANG_MS, driver.evaluate(() => (window as unknown as { layerpadLab: LabApi }).layerpadLab.buildSample(2), null).then(() => 'built'), 'hang');
        if (answer === 'built') continue;
        hangs++;
        const page = await within(3000, driver.evaluate(() => `answers at ${Math.round(performance.now())} ms`, null), 'no answer');
        const worker = await within(3000, driver.evaluate(() => (window as unknown as { layerpadLab: LabApi }).layerpadLab.sampleState(), null), 'no answer');
        console.log(`launch ${launch}, build ${build}: no answer in ${Date.now() - started} ms; posted ${lab.postedState() ?? 'nothing'}; page thread: ${page}; lab worker: ${JSON.stringify(worker)}`);
        break;
      }
    } finally {
      await driver.close();
    }
    console.log(`after launch ${launch}: ${hangs} hangs in ${builds} pooled builds`);
  }
} finally {
  await lab.close();
}
