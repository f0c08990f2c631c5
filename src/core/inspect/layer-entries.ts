// A layer's file list and one file's bytes, read by streaming the blob through the decompressor
// into the tar reader. Only headers are kept, plus small files' bodies while a budget lasts (so a
// preview needs no second pass through a compressed layer); a broken tar or compressed stream
// ends the listing with a problem and keeps every entry read before it.

import type { FsEntry } from '../fs/entry.ts';
import { readTar } from '../tar/read.ts';
import type { Compression } from '../compress/detect.ts';
import { openLayerStream } from '../compress/layer-stream.ts';
import { error, warning, type Problem } from '../problem.ts';

export interface ListedEntry {
  entry: FsEntry;
  /** Offset of the entry's header in the uncompressed tar. */
  headerOffset: number;
  /** Offset of the entry's data in the uncompressed tar. */
  dataOffset: number;
  /** The name exactly as stored (before normalisation). */
  rawName: string;
  warnings: string[];
  /** The file's bytes, when a BodyBudget kept them. */
  body?: Uint8Array;
}

/** How many small files' bodies a listing keeps: each at most `maxFileBytes`, `remaining` in all. */
export interface BodyBudget {
  maxFileBytes: number;
  remaining: number;
}

export interface LayerListing {
  entries: ListedEntry[];
  compression: Compression;
  /** False when reading stopped at an error (see problems). */
  complete: boolean;
  problems: Problem[];
}

export interface LayerReadOptions {
  /** Compression the media type declares (a mismatch with the magic bytes becomes a warning). */
  declared?: Compression | null;
  /** How problems name the layer, e.g. `layer 2 sha256:ab12…`. */
  where?: string;
  maxOutput?: number;
  maxEntries?: number;
  signal?: AbortSignal;
  /** Compressed bytes read so far, of blob.size. */
  onProgress?: (bytesDone: number, bytesTotal: number) => void;
  /** Keep small files' bodies while this lasts (shared, so one budget can span several layers). */
  keepBodies?: BodyBudget;
}

export async function listLayer(blob: Blob, opts: LayerReadOptions = {}): Promise<LayerListing> {
  const where = opts.where ?? 'layer';
  let done = 0;
  const stream = await openLayerStream(blob, {
    declared: opts.declared,
    maxOutput: opts.maxOutput,
    signal: opts.signal,
    onCompressed: (chunk) => opts.onProgress?.((done += chunk.byteLength), blob.size),
    reuseTarChunks: true, // the tar reader copies what it keeps
  });
  return listTar(stream.tar, { ...opts, where, compression: stream.compression, warning: stream.warning });
}

/**
 * Lists the entries of a layer's uncompressed tar stream (`compression` is what the layer blob
 * was). A read error (of the tar, or of the stream feeding it) ends the list with an error
 * problem; the entries before it are kept.
 */
export async function listTar(
  tar: AsyncIterable<Uint8Array>,
  opts: { where: string; compression: Compression; warning?: string; maxEntries?: number; signal?: AbortSignal; keepBodies?: BodyBudget },
): Promise<LayerListing> {
  const { where, compression } = opts;
  const problems: Problem[] = opts.warning ? [{ severity: 'warning', where, message: opts.warning }] : [];
  const entries: ListedEntry[] = [];
  try {
    // An uncompressed layer's files are slices of the blob itself: no bodies to keep.
    const budget = compression === 'none' ? undefined : opts.keepBodies;
    const records = readTar(tar, {
      maxEntries: opts.maxEntries,
      onWarning: (message, offset) => warning(problems, `${where} at tar offset ${offset}`, message),
      ...(budget && {
        wantBody: (entry: FsEntry) => entry.size <= budget.maxFileBytes && entry.size <= budget.remaining && ((budget.remaining -= entry.size), true),
      }),
    });
    for await (const { entry, headerOffset, dataOffset, rawName, warnings, body } of records) {
      entries.push({ entry, headerOffset, dataOffset, rawName, warnings, ...(body && { body }) });
    }
  } catch (e) {
    if (opts.signal?.aborted) throw e;
    error(problems, where, `${(e as Error).message}; the ${entries.length} entries before it are shown`);
    return { entries, compression, complete: false, problems };
  }
  return { entries, compression, complete: true, problems };
}

/** How problems name a layer: its position and the start of its digest. */
export const layerWhere = (layer: { index: number; descriptor: { digest: string } }) => `L${layer.index + 1} (${layer.descriptor.digest.slice(0, 19)}…)`;

export interface LayerFile {
  entry: FsEntry;
  /** The content, when it was at most `maxBytes`. */
  bytes?: Uint8Array;
  /** Why `bytes` is absent (too large, not a regular file). */
  note?: string;
}

/**
 * Streams a layer until entry `path` and returns it with its content (bounded by `maxBytes`).
 * A path listed twice in one layer resolves to its last copy (last wins, as in the merged view):
 * pass `occurrence`, how many times the listing holds the path, to stop at that copy.
 * Resolve links first (resolvePath): a hardlink's bytes live under its target.
 */
export async function readLayerFile(
  blob: Blob,
  path: string,
  opts: LayerReadOptions & { maxBytes?: number; occurrence?: number } = {},
): Promise<LayerFile | undefined> {
  const maxBytes = opts.maxBytes ?? 16 * 1024 * 1024;
  let remaining = opts.occurrence ?? 1;
  const stream = await openLayerStream(blob, { declared: opts.declared, maxOutput: opts.maxOutput, signal: opts.signal, reuseTarChunks: true });
  const records = readTar(stream.tar, { wantBody: (e) => e.path === path && remaining === 1, maxBody: maxBytes, maxEntries: opts.maxEntries });
  for await (const record of records) {
    if (record.entry.path !== path || --remaining > 0) continue;
    const { entry } = record;
    if (record.body) return { entry, bytes: record.body };
    const note = entry.type === 'file'
      ? `${entry.size} bytes is over the ${maxBytes}-byte limit for reading one file`
      : `a ${entry.type}${entry.linkname ? ` to ${entry.linkname}` : ''} has no content of its own`;
    return { entry, note };
  }
  return undefined;
}
