// A compression helper of the piece pool (piece-pool.ts): compresses one tar piece per message,
// gzip or zstd as asked. compressPiece is a pure function of the piece, so which helper runs it
// never changes the bytes. The page starts it (helper-host.ts) and posts it the port its pool
// talks to; it says it is ready on that port.

import { compressPiece } from '../core/compress/piece-codec.ts';
import { onHostPort } from './helper-host.ts';
import { answerPieceRequest, HELPER_READY, type PieceRequest } from './piece-pool.ts';

onHostPort((port) => {
  port.addEventListener('message', async (event: MessageEvent<PieceRequest>) => {
    const { reply, transfer } = await answerPieceRequest(event.data, compressPiece);
    port.postMessage(reply, transfer);
  });
  port.start();
  port.postMessage(HELPER_READY);
});
