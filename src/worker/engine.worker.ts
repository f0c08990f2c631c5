// The engine's Web Worker: plain core calls exposed through comlink. Every byte of hashing,
// compression and archive writing happens here, off the UI thread. Long calls take a job id so
// the UI can cancel them (jobs.ts); progress is reported at most every 100 ms.

import * as Comlink from 'comlink';
import { buildLayer } from '../core/build/layer.ts';
import { assembleFromSpec } from '../core/build/image.ts';
import type { ImageIndex, Layer } from '../core/image/model.ts';
import type { EntriesLayer, ImageSpec } from '../core/build/spec.ts';
import type { FsEntry } from '../core/fs/entry.ts';
import { sniffMode } from '../core/fs/sniff-mode.ts';
import { readEditableText } from '../core/fs/text-content.ts';
import { writeOciLayoutZip } from '../core/formats/oci-zip/write.ts';
import { writeImageTar } from '../core/formats/image-tar/write.ts';
import { createPiecePool, defaultPoolSize } from './piece-pool.ts';
import { createJobRegistry, throttled, type Progress } from './jobs.ts';
import { createOpfsSinkFactory } from './opfs-sink.ts';

export type LayerProgress = Progress;

const jobs = createJobRegistry();

// Layer pieces are gzipped by helper workers on the other cores while this worker cuts and hashes.
const gzipPool = createPiecePool({
  size: defaultPoolSize(),
  createWorker: (index) => new Worker(new URL('./gzip-piece.worker.ts', import.meta.url), { type: 'module', name: `layerpad-gzip-${index}` }),
});

// Built blobs go to OPFS where the browser offers it, to memory otherwise.
const opfs = createOpfsSinkFactory();

// Entries arrive in batches before their build starts: cloning thousands of Files in one
// postMessage would block the UI thread for seconds.
const staged = new Map<string, FsEntry[]>();

const api = {
  stageEntries(jobId: string, entries: FsEntry[]): void {
    const list = staged.get(jobId);
    if (list) list.push(...entries);
    else staged.set(jobId, entries);
  },
  /** Builds `layer` from the entries staged under `jobId`. */
  buildLayer(jobId: string, layer: Omit<EntriesLayer, 'entries'>, created: string, onProgress: (p: LayerProgress) => void): Promise<Layer> {
    const entries = staged.get(jobId) ?? [];
    staged.delete(jobId);
    return jobs.run(jobId, async (signal) =>
      buildLayer({ ...layer, entries }, {
        created,
        sink: (await opfs) ?? undefined,
        signal,
        onProgress: throttled(onProgress),
        compressPiece: gzipPool.compress,
        parallelism: gzipPool.size + 1,
      }),
    );
  },
  assembleImage(spec: ImageSpec, layers: Layer[]): Promise<ImageIndex> {
    return assembleFromSpec(spec, layers);
  },
  /** Progress counts bytes checksummed (CRC-32 of every blob: the only slow part). */
  writeOciLayoutZip(image: ImageIndex, onProgress?: (p: Progress) => void): Promise<Blob> {
    return writeOciLayoutZip(image, onProgress && { onProgress: throttled(onProgress) });
  },
  writeImageTar(image: ImageIndex): Promise<Blob> {
    return writeImageTar(image);
  },
  /** The text of a small UTF-8 file for the inline editor, or null for binary or large files. */
  readEditableText(blob: Blob): Promise<string | null> {
    return readEditableText(blob);
  },
  /** Default modes (0755 for ELF/`#!`, else 0644) for files about to be added. */
  sniffModes(files: Blob[]): Promise<number[]> {
    return Promise.all(files.map((file) => sniffMode(file)));
  },
  /** Frees the disk space of built blobs the UI no longer holds (names of the Files to keep). */
  async retainBlobs(names: string[]): Promise<void> {
    await (await opfs)?.retain(new Set(names));
  },
  cancel(jobId: string): void {
    staged.delete(jobId);
    jobs.cancel(jobId);
  },
};

export type EngineApi = typeof api;

Comlink.expose(api);
