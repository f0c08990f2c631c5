// The one error type of the tar reader and writer. `offset` is the byte offset in the archive where
// the problem was found (the writer uses -1: it has no archive offset yet).

export class TarError extends Error {
  readonly offset: number;
  /** The entry the problem belongs to, when one is known. */
  readonly entry?: string;

  constructor(message: string, offset: number, entry?: string) {
    super(message);
    this.name = 'TarError';
    this.offset = offset;
    this.entry = entry;
  }
}
