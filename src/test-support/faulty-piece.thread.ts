// A Node thread for piece-pool tests whose behaviour is chosen by the piece's first byte:
// 0 answers with the piece reversed, 1 fails to compress, 2 crashes the thread, 3 never answers.
import { parentPort } from 'node:worker_threads';
import { answerPieceRequest, HELPER_READY, type PieceRequest } from '../worker/piece-pool.ts';

const reversed = (piece: Uint8Array) => {
  if (piece[0] === 1) throw new Error('piece starts with 1');
  return piece.slice().reverse();
};

parentPort!.on('message', async (request: PieceRequest) => {
  if (request.piece[0] === 2) throw new Error('thread fell over');
  if (request.piece[0] === 3) return;
  const { reply, transfer } = await answerPieceRequest(request, (_compression, piece) => reversed(piece));
  parentPort!.postMessage(reply, transfer as ArrayBuffer[]);
});
parentPort!.postMessage(HELPER_READY);
