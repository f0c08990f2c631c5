// A compression helper of the piece pool (piece-pool.ts): compresses one tar piece per message,
// gzip or zstd as asked. compressPiece is a pure function of the piece, so which helper runs it
// never changes the bytes.

import { compressPiece } from '../core/compress/piece-codec.ts';
import { answerPieceRequest, type PieceRequest } from './piece-pool.ts';

const scope = self as unknown as DedicatedWorkerGlobalScope;

scope.addEventListener('message', async (event: MessageEvent<PieceRequest>) => {
  const { reply, transfer } = await answerPieceRequest(event.data, compressPiece);
  scope.postMessage(reply, transfer);
});
