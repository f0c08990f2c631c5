// Lab page: exposes the engine, running in a module worker as in the app, to Playwright through
// `window.layerpadLab`.
import { wrap } from 'comlink';
import { helpersPerWorker } from '../../src/worker/helper-host.ts';
import type { LabApi } from './lab.worker.ts';

const worker = new Worker(new URL('./lab.worker.ts', import.meta.url), { type: 'module' });
const lab = wrap<LabApi>(worker);
// Compression helpers are started here, as the app's are (src/worker/helper-host.ts).
helpersPerWorker((name) => new Worker(new URL('../../src/worker/piece.worker.ts', import.meta.url), { type: 'module', name })).attach(lab);
(window as unknown as { layerpadLab: unknown }).layerpadLab = lab;
