// Node twin of src/worker/piece.worker.ts for the benchmark's Node pool (node-pool.ts).
import { parentPort } from 'node:worker_threads';
import { compressPiece } from '../src/core/compress/piece-codec.ts';
import { answerPieceRequest, HELPER_READY, type PieceRequest } from '../src/worker/piece-pool.ts';

parentPort!.on('message', async (request: PieceRequest) => {
  const { reply, transfer } = await answerPieceRequest(request, compressPiece);
  parentPort!.postMessage(reply, transfer as ArrayBuffer[]);
});
parentPort!.postMessage(HELPER_READY);
