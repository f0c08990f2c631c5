// Two ways to walk an archive's bytes behind one small interface, so one header parser serves both:
// random access over a Blob (headers read with slice(), bodies skipped by moving the offset, never
// read) and a forward-only stream (e.g. a decompressed layer), where skipped bodies are discarded.

export interface ByteSource {
  /** Bytes consumed so far: the archive offset of the next read. */
  readonly offset: number;
  /** Reads `n` bytes; returns fewer only at the end of the input. */
  read(n: number): Promise<Uint8Array<ArrayBuffer>>;
  /** Fills `target` with the next bytes without allocating; returns how many (fewer only at the end). */
  readInto(target: Uint8Array): Promise<number>;
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
  // Makes the buffer hold the next `n` bytes (fewer at the end); returns where they end.
  const buffered = async (n: number): Promise<number> => {
    const end = Math.min(offset + n, blob.size);
    if (offset < bufferStart || end > bufferStart + buffer.length) {
      bufferStart = offset;
      buffer = new Uint8Array(await blob.slice(offset, Math.max(end, Math.min(offset + BUFFER_SIZE, blob.size))).arrayBuffer());
    }
    return end;
  };
  return {
    blob,
    get offset() {
      return offset;
    },
    async read(n) {
      const end = await buffered(n);
      const bytes = buffer.slice(offset - bufferStart, end - bufferStart);
      offset = end;
      return bytes;
    },
    async readInto(target) {
      const end = await buffered(target.length);
      target.set(buffer.subarray(offset - bufferStart, end - bufferStart));
      const got = end - offset;
      offset = end;
      return got;
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
  // The current chunk and how far into it reading has got (kept as an index, not re-sliced per read).
  let chunk: Uint8Array = new Uint8Array(0);
  let at = 0;
  let done = false;
  // Makes `chunk` hold unread bytes unless the stream has ended.
  const fill = async (): Promise<boolean> => {
    while (at === chunk.length && !done) {
      const next = await iterator.next();
      done = next.done === true;
      // At the end, a reused buffer's last chunk has been emptied (iterateBlobReusing): drop it.
      chunk = next.done ? new Uint8Array(0) : next.value;
      at = 0;
    }
    return at < chunk.length;
  };
  const readInto = async (target: Uint8Array): Promise<number> => {
    const n = target.length;
    let got = 0;
    while (got < n && (chunk.length - at > 0 || (await fill()))) {
      const take = Math.min(n - got, chunk.length - at);
      target.set(chunk.subarray(at, at + take), got);
      at += take;
      got += take;
    }
    offset += got;
    return got;
  };
  return {
    get offset() {
      return offset;
    },
    async read(n) {
      if (chunk.length - at >= n || !(await fill()) || chunk.length - at >= n) {
        // Uint8Array's slice copies; a Node Buffer's would be a view of the chunk.
        const bytes: Uint8Array<ArrayBuffer> = Uint8Array.prototype.slice.call(chunk, at, at + n);
        at += bytes.length;
        offset += bytes.length;
        return bytes;
      }
      const out = new Uint8Array(n);
      const got = await readInto(out);
      return got === n ? out : out.slice(0, got);
    },
    readInto,
    async skip(n) {
      let skipped = 0;
      while (skipped < n && (await fill())) {
        const take = Math.min(n - skipped, chunk.length - at);
        at += take;
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
