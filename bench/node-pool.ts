// The browser piece pool (src/worker/piece-pool.ts) on Node threads, for the benchmark's Node path
// and the pool's unit tests. Threads load TypeScript through tsx, registered inside each thread
// because Node 20 does not pass the parent's loader hooks to workers.

import { Worker } from 'node:worker_threads';
import { compressPiece } from '../src/core/compress/piece-codec.ts';
import { createPiecePool, type PiecePool, type PieceWorker } from '../src/worker/piece-pool.ts';

/** Runs the TypeScript module `moduleUrl` in a Node thread that looks like a PieceWorker. */
export function nodePieceWorker(moduleUrl: URL, name: string): PieceWorker {
  const boot = `import('tsx/esm/api').then(({ register }) => { register(); return import(${JSON.stringify(moduleUrl.href)}); });`;
  const thread = new Worker(boot, { eval: true, name });
  let stopping = false;
  return {
    postMessage: (message, transfer) => thread.postMessage(message, transfer as ArrayBuffer[]),
    addEventListener(type: 'message' | 'error' | 'messageerror', listener: (event: never) => void) {
      const call = listener as (event: object) => void;
      if (type === 'message') thread.on('message', (data) => call({ data }));
      if (type === 'messageerror') thread.on('messageerror', (error) => call({ message: String(error) }));
      if (type === 'error') {
        thread.on('error', (error) => call({ message: error instanceof Error ? error.message : String(error) }));
        // A thread can also end without an error (process.exit); a browser worker cannot.
        thread.on('exit', (code) => stopping || call({ message: `thread exited with code ${code}` }));
      }
    },
    terminate() {
      stopping = true;
      void thread.terminate();
    },
  };
}

/** A pool of `size` Node threads compressing pieces, as the engine worker's helpers do. */
export function nodePiecePool(size: number): PiecePool {
  const threadModule = new URL('./piece.thread.ts', import.meta.url);
  return createPiecePool({ size, createWorker: (index) => nodePieceWorker(threadModule, `piece-${index}`), local: compressPiece });
}
