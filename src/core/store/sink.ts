// Where built blobs go. The layer builder writes compressed bytes chunk by chunk into a sink and
// gets a Blob back, so the same engine runs over memory (Node, tests) or disk-backed storage
// (OPFS in a worker) without knowing which.

export interface BlobSink {
  /** Appends bytes; the sink may keep a reference to `chunk`, so callers must not reuse it. */
  write(chunk: Uint8Array): Promise<void> | void;
  /** Finishes the blob and returns it; no writes afterwards. */
  close(): Promise<Blob>;
  /** Discards whatever was written (build cancelled or failed). */
  abort(): void;
}

export interface BlobSinkFactory {
  /** `expectedBytes`, when known, lets a disk-backed sink reserve the space once. */
  create(expectedBytes?: number): BlobSink;
}
