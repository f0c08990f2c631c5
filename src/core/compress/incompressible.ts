// Decides, from the bytes alone, whether a piece is already compressed (or random) data that
// deflate cannot shrink. Deflating such data at level 6 is several times slower than for text and
// gains nothing, so those pieces are stored instead. The test is a chi-square of the byte
// histogram over fixed sample windows, in exact integer arithmetic: the same piece gives the
// same answer on every engine, which keeps layer digests deterministic.

const WINDOW = 16 * 1024;
const WINDOWS = 4;
/** Below this many bytes the statistic is too noisy; such pieces are simply deflated. */
const MIN_SAMPLE = 4 * WINDOW;
/**
 * Uniform random bytes give a chi-square near 255 (255 degrees of freedom); text, code and
 * machine code give tens of thousands. Twice the expectation leaves no doubt either way.
 */
const MAX_CHI_SQUARE = 512;

export function looksIncompressible(piece: Uint8Array): boolean {
  if (piece.byteLength < MIN_SAMPLE) return false;
  const counts = new Uint32Array(256);
  const stride = Math.floor(piece.byteLength / WINDOWS);
  for (let w = 0; w < WINDOWS; w++) {
    const start = w * stride;
    for (let i = start; i < start + WINDOW; i++) counts[piece[i]]++;
  }
  // chi² = Σ (c − N/256)² / (N/256) = Σ (256c − N)² / (256 N), compared without division.
  const n = WINDOWS * WINDOW;
  let sum = 0;
  for (let b = 0; b < 256; b++) {
    const d = 256 * counts[b] - n;
    sum += d * d;
  }
  return sum < MAX_CHI_SQUARE * 256 * n;
}
