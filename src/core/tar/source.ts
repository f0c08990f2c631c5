// Two ways to walk an archive's bytes behind one small interface, so one header parser serves both:
// random access over a Blob (headers read with slice(), bodies skipped by moving the offset, never
// read) and a forward-only stream (e.g. a decompressed layer), where skipped bodies are discarded.

export interface ByteSource {
  /** Bytes consumed so far: the archive offset of the next read. */
  readonly offset: number;
  /** Reads `n` bytes; returns fewer only at the end of the input. */
  read(n: number): Promise<Uint8Array<ArrayBuffer>>;
  /** Skips `n` bytes; returns how many were skipped (fewer only at the end of the input). */
  skip(n: number): Promise<number>;
  /** The underlying Blob for random-access sources, so bodies can be handed out as lazy slices. */
  readonly blob?: Blob;
  close(): Promise<void>;
}

/** Headers are small and often close together, so reads go through a buffer of this many bytes. */
const BUFFER_SIZE = 64 * 1024;

export function blobSource(blob: Blob): ByteSource {
  let offset = 0;
  let bufferStart = 0;
  let buffer = new Uint8Array(0);
  return {
    blob,
    get offset() {
      return offset;
    },
    async read(n) {
      const end = Math.min(offset + n, blob.size);
      if (offset < bufferStart || end > bufferStart + buffer.length) {
        bufferStart = offset;
        buffer = new Uint8Array(await blob.slice(offset, Math.max(end, Math.min(offset + BUFFER_SIZE, blob.size))).arrayBuffer());
      }
      const bytes = buffer.slice(offset - bufferStart, end - bufferStart);
      offset = end;
      return bytes;
    },
    async skip(n) {
      const skipped = Math.max(0, Math.min(n, blob.size - offset));
      offset += skipped;
      return skipped;
    },
    async close() {},
  };
}

export function streamSource(stream: AsyncIterable<Uint8Array>): ByteSource {
  const iterator = stream[Symbol.asyncIterator]();
  let offset = 0;
  let chunk: Uint8Array = new Uint8Array(0);
  let done = false;
  // Makes `chunk` non-empty unless the stream has ended.
  const fill = async (): Promise<boolean> => {
    while (chunk.length === 0 && !done) {
      const next = await iterator.next();
      if (next.done) done = true;
      else chunk = next.value;
    }
    return chunk.length > 0;
  };
  return {
    get offset() {
      return offset;
    },
    async read(n) {
      if (chunk.length >= n || !(await fill()) || chunk.length >= n) {
        const bytes = new Uint8Array(chunk.subarray(0, n));
        chunk = chunk.subarray(bytes.length);
        offset += bytes.length;
        return bytes;
      }
      const out = new Uint8Array(n);
      let got = 0;
      while (got < n && (await fill())) {
        const take = Math.min(n - got, chunk.length);
        out.set(chunk.subarray(0, take), got);
        chunk = chunk.subarray(take);
        got += take;
      }
      offset += got;
      return got === n ? out : out.slice(0, got);
    },
    async skip(n) {
      let skipped = 0;
      while (skipped < n && (await fill())) {
        const take = Math.min(n - skipped, chunk.length);
        chunk = chunk.subarray(take);
        skipped += take;
      }
      offset += skipped;
      return skipped;
    },
    async close() {
      if (!done) {
        done = true;
        await iterator.return?.();
      }
    },
  };
}
