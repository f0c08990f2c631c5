// Compresses a stream of tar pieces, possibly several at a time, and hands the results back in
// order. Compression is a pure function of one piece, so it can run here or in other workers;
// `parallelism` bounds how many pieces are in flight (and so the memory held: ~2 x 4 MiB each).

/**
 * Compresses one piece. It may take the piece over (e.g. transfer its buffer to another worker,
 * which empties it here), so callers must be done reading a piece before handing it over.
 */
export type PieceCompressor = (piece: Uint8Array) => Uint8Array | Promise<Uint8Array>;

export interface CompressedPiece {
  /** Length of the piece before compression (read before the compressor could take it over). */
  rawSize: number;
  compressed: Uint8Array;
}

export async function* compressPieces(
  pieces: AsyncIterable<Uint8Array>,
  compress: PieceCompressor,
  parallelism = 1,
): AsyncGenerator<CompressedPiece> {
  const inFlight: Promise<CompressedPiece>[] = [];
  const start = (raw: Uint8Array) => {
    const rawSize = raw.byteLength;
    return Promise.resolve()
      .then(() => compress(raw))
      .then((compressed) => ({ rawSize, compressed }));
  };
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

/** Passes pieces through unchanged after feeding each to `see`, in order. */
export async function* tapPieces(
  pieces: AsyncIterable<Uint8Array>,
  see: (piece: Uint8Array) => void,
): AsyncGenerator<Uint8Array> {
  for await (const piece of pieces) {
    see(piece);
    yield piece;
  }
}
