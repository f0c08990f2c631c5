// Node twin of src/worker/gzip-piece.worker.ts for the benchmark's Node pool (node-pool.ts).
import { parentPort } from 'node:worker_threads';
import { gzipPiece } from '../src/core/compress/gzip-pieces.ts';
import { answerPieceRequest, type PieceRequest } from '../src/worker/piece-pool.ts';

parentPort!.on('message', (request: PieceRequest) => {
  const { reply, transfer } = answerPieceRequest(request, gzipPiece);
  parentPort!.postMessage(reply, transfer as ArrayBuffer[]);
});
