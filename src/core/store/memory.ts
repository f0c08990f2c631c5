// The in-memory BlobSink: keeps the written chunks and joins them into a Blob on close.

import type { BlobSink, BlobSinkFactory } from './sink.ts';

export const memorySinkFactory: BlobSinkFactory = {
  create(): BlobSink {
    let parts: Uint8Array<ArrayBuffer>[] | null = [];
    const open = () => {
      if (!parts) throw new Error('memory blob sink: already closed or aborted');
      return parts;
    };
    return {
      write(chunk) {
        open().push(chunk as Uint8Array<ArrayBuffer>);
      },
      async close() {
        const blob = new Blob(open());
        parts = null;
        return blob;
      },
      abort() {
        parts = null;
      },
    };
  },
};
