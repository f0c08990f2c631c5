// A compression helper of the piece pool (piece-pool.ts): gzips one tar piece per message.
// gzipPiece is a pure function of the piece, so which helper runs it never changes the bytes.

import { gzipPiece } from '../core/compress/gzip-pieces.ts';
import { answerPieceRequest, type PieceRequest } from './piece-pool.ts';

const scope = self as unknown as DedicatedWorkerGlobalScope;

scope.addEventListener('message', (event: MessageEvent<PieceRequest>) => {
  const { reply, transfer } = answerPieceRequest(event.data, gzipPiece);
  scope.postMessage(reply, transfer);
});
