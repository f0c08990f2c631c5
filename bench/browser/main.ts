// Lab page: exposes the engine, running in a module worker as in the app, to Playwright through
// `window.layerpadLab`.
import { wrap } from 'comlink';
import type { LabApi } from './lab.worker.ts';

const worker = new Worker(new URL('./lab.worker.ts', import.meta.url), { type: 'module' });
(window as unknown as { layerpadLab: unknown }).layerpadLab = wrap<LabApi>(worker);
