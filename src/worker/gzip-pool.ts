// A small pool of gzip helper workers, so a layer's pieces compress on several cores while the
// engine worker hashes. Helpers start on first use and stop after a minute idle. The raw piece is
// copied to the helper (the engine still hashes it); the compressed piece is transferred back.

import * as Comlink from 'comlink';
import type { PieceCompressor } from '../core/build/pieces.ts';
import type { GzipApi } from './gzip.worker.ts';

const IDLE_STOP_MS = 60_000;

interface Helper {
  worker: Worker;
  remote: Comlink.Remote<GzipApi>;
  busy: number;
}

export interface GzipPool {
  size: number;
  compress: PieceCompressor;
}

export function createGzipPool(size: number): GzipPool {
  let helpers: Helper[] = [];
  let idleTimer: ReturnType<typeof setTimeout> | undefined;
  const stop = () => {
    for (const h of helpers) h.worker.terminate();
    helpers = [];
  };
  const ensure = () => {
    while (helpers.length < size) {
      const worker = new Worker(new URL('./gzip.worker.ts', import.meta.url), { type: 'module', name: `layerpad-gzip-${helpers.length + 1}` });
      helpers.push({ worker, remote: Comlink.wrap<GzipApi>(worker), busy: 0 });
    }
  };
  const compress: PieceCompressor = async (piece) => {
    clearTimeout(idleTimer);
    ensure();
    const helper = helpers.reduce((a, b) => (b.busy < a.busy ? b : a));
    helper.busy++;
    try {
      return await helper.remote.gzip(piece);
    } finally {
      helper.busy--;
      if (helpers.every((h) => h.busy === 0)) idleTimer = setTimeout(stop, IDLE_STOP_MS);
    }
  };
  return { size, compress };
}
