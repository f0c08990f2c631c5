// The engine alone, without the page: the mixed-content layer built in Node (threads as helpers)
// and in Chromium's lab page (module workers as helpers), gzip and zstd. Helper threads start
// before the clock, as the app's pool is warm after its first piece.
import { availableParallelism } from 'node:os';
import { buildLayer } from '../src/core/build/layer.ts';
import type { PieceCompression } from '../src/core/compress/piece-codec.ts';
import { defaultPoolSize } from '../src/worker/piece-pool.ts';
import { mixedEntries } from './mixed-content.ts';
import { nodePiecePool } from './node-pool.ts';
import { openLab } from './serve-lab.ts';
import type { LabApi } from './browser/lab.worker.ts';

export interface EngineRun {
  path: string;
  compression: PieceCompression;
  seconds: number;
  tarBytes: number;
  bytes: number;
  digest: string;
}

const created = '1970-01-01T00:00:00Z';

export async function nodeEngine(totalBytes: number, seed: number, compression: PieceCompression, helpers = defaultPoolSize(availableParallelism())): Promise<EngineRun> {
  const pool = nodePiecePool(helpers);
  try {
    await Promise.all(Array.from({ length: helpers }, () => pool.compress(new Uint8Array(1), compression)));
    const entries = mixedEntries(totalBytes, seed);
    const start = performance.now();
    const layer = await buildLayer({ kind: 'entries', entries }, { created, compression, compressPiece: pool.compressor(compression), parallelism: helpers + 1 });
    const seconds = (performance.now() - start) / 1000;
    return { path: `engine in Node, ${compression} (1 + ${helpers} threads)`, compression, seconds, tarBytes: layer.tarSize!, bytes: layer.descriptor.size, digest: layer.descriptor.digest };
  } finally {
    pool.close();
  }
}

/** Each compression in Chromium's lab page with the app's pool size for the browser's cores. */
export async function chromiumEngine(totalBytes: number, seed: number, compressions: PieceCompression[]): Promise<EngineRun[]> {
  const lab = await openLab();
  try {
    const labApi = 'window.layerpadLab';
    const cores = await lab.page.evaluate(`${labApi}.hardwareConcurrency()`) as number;
    const helpers = defaultPoolSize(cores);
    const runs: EngineRun[] = [];
    for (const compression of compressions) {
      const result = await lab.page.evaluate(`${labApi}.benchLayer(${totalBytes}, ${seed}, ${helpers}, undefined, '${compression}')`) as Awaited<ReturnType<LabApi['benchLayer']>>;
      runs.push({ path: `engine in Chromium, ${compression} (1 + ${helpers} workers)`, compression, seconds: result.ms / 1000, tarBytes: result.tarSize, bytes: result.size, digest: result.digest });
    }
    return runs;
  } finally {
    await lab.close();
  }
}
