// Compresses a stream of tar pieces, possibly several at a time, and hands the results back in
// order. Compression is a pure function of one piece, so it can run here or in other workers;
// `parallelism` bounds how many pieces are in flight (and so the memory held: ~2 x 4 MiB each).

export type PieceCompressor = (piece: Uint8Array) => Uint8Array | Promise<Uint8Array>;

export interface CompressedPiece {
  raw: Uint8Array;
  compressed: Uint8Array;
}

export async function* compressPieces(
  pieces: AsyncIterable<Uint8Array>,
  compress: PieceCompressor,
  parallelism = 1,
): AsyncGenerator<CompressedPiece> {
  const inFlight: Promise<CompressedPiece>[] = [];
  const start = (raw: Uint8Array) =>
    Promise.resolve()
      .then(() => compress(raw))
      .then((compressed) => ({ raw, compressed }));
  try {
    for await (const raw of pieces) {
      inFlight.push(start(raw));
      if (inFlight.length >= parallelism) yield await inFlight.shift()!;
    }
    while (inFlight.length > 0) yield await inFlight.shift()!;
  } finally {
    // Results nobody will read must not surface as unhandled rejections.
    for (const pending of inFlight) pending.catch(() => {});
  }
}
