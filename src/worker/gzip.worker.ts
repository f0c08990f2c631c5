// A compression helper started by the engine worker: gzips one 4 MiB tar piece at a time.
// gzipPiece is a pure function of the piece, so the bytes are the same whichever worker runs it.

import * as Comlink from 'comlink';
import { gzipPiece } from '../core/compress/gzip-pieces.ts';

const api = {
  gzip(piece: Uint8Array): Uint8Array {
    const out = gzipPiece(piece);
    return Comlink.transfer(out, [out.buffer]);
  },
};

export type GzipApi = typeof api;

Comlink.expose(api);
