// The absolute output budget every decompressor runs under: a few bytes of hostile input can
// claim gigabytes, so we count what comes out and stop, instead of trusting any header.

export class DecompressionError extends Error {
  override name = 'DecompressionError';
}

export interface DecompressOptions {
  /** Maximum number of decompressed bytes before the stream is refused as a bomb. */
  maxOutput: number;
}

export class OutputBudget {
  private used = 0;
  constructor(
    private readonly format: string,
    private readonly maxOutput: number,
  ) {}

  /** Accounts for `n` more output bytes; throws once the total passes the budget. */
  spend(n: number, compressedOffset: number): void {
    this.used += n;
    if (this.used > this.maxOutput) {
      throw new DecompressionError(
        `${this.format}: decompressed output exceeds the budget of ${this.maxOutput} bytes ` +
          `(near compressed offset ${compressedOffset}); refusing a possible decompression bomb`,
      );
    }
  }
}
