// The engine's Web Worker: plain core calls exposed through comlink. Every byte of hashing,
// compression and archive writing happens here, off the UI thread. Long calls take a job id so
// the UI can cancel them (jobs.ts); progress is reported at most every 100 ms.

import * as Comlink from 'comlink';
import { buildLayer } from '../core/build/layer.ts';
import { assembleIndex } from '../core/build/image.ts';
import { recompressImage } from '../core/build/recompress.ts';
import { squashImage } from '../core/build/squash.ts';
import { indexImages } from '../core/image/assemble.ts';
import type { ImageIndex, Layer } from '../core/image/model.ts';
import type { LayerCompression } from '../core/oci/media-types.ts';
import type { Digest } from '../core/digest.ts';
import type { ArchiveInput } from '../core/formats/open.ts';
import { openBases, readBaseFile } from '../core/edit/base.ts';
import type { EntriesLayer, ImageSpec } from '../core/build/spec.ts';
import type { FsEntry } from '../core/fs/entry.ts';
import { sniffFileStarts, type FileStart } from '../core/fs/file-start.ts';
import { unreadableError, unreadableFiles } from '../core/fs/unreadable.ts';
import { readEditableText } from '../core/fs/text-content.ts';
import { writeOciLayoutZip } from '../core/formats/oci-zip/write.ts';
import { writeImageTar } from '../core/formats/image-tar/write.ts';
import { compressPiece } from '../core/compress/piece-codec.ts';
import { createPiecePool, defaultPoolSize, type PiecePool, type PieceReply, type PieceRequest } from './piece-pool.ts';
import { hostedWorker } from './hosted-worker.ts';
import type { RemoteHelperHost } from './helper-host.ts';
import { createJobRegistry, throttled, type Progress } from './jobs.ts';
import { createOpfsSinkFactory } from './opfs-sink.ts';
import { openBuildStore } from './build-store.ts';
import { createKeyedLock } from './keyed-lock.ts';
import { sha256OfBytes } from '../core/hash/sha256.ts';
import { hexOf } from '../core/digest.ts';
import { layerEntryAnatomy } from '../core/inspect/layer-anatomy.ts';
import { layerCompressionOf } from '../core/oci/media-types.ts';

export type LayerProgress = Progress;

const jobs = createJobRegistry();

// Layer pieces are compressed (gzip or zstd) by helper workers on the other cores while this
// worker cuts and hashes. The page starts them (useHelperHost); until it has said how, this worker
// compresses alone.
let piecePool: PiecePool | undefined;

// Built blobs go to OPFS where the browser offers it, to memory otherwise; layers built from a
// recipe are kept in the build store, which outlives the page.
const opfs = createOpfsSinkFactory();
const store = openBuildStore();
const storeKey = async (recipe: string) => hexOf(await sha256OfBytes(new TextEncoder().encode(recipe)));
/** A second build of a stored recipe waits for the first, then takes what it stored. */
const storing = createKeyedLock();

// Layers recompressed for the output (by digest and target): typing in the config does not redo them.
const recompressed = new Map<string, Layer>();

/** What the output options ask of an assembled image. */
export interface FinishOptions {
  compression: LayerCompression | 'keep';
  squash: boolean;
}

// Entries arrive in batches before their build starts: cloning thousands of Files in one
// postMessage would block the UI thread for seconds.
const staged = new Map<string, FsEntry[]>();

/** Where built blobs go and who compresses their pieces: gzip and zstd fan out to the helper pool. */
async function encoding(compression: LayerCompression) {
  const sink = (await opfs) ?? undefined;
  return compression === 'none' || !piecePool ? { sink } : { sink, compressPiece: piecePool.compressor(compression), parallelism: piecePool.size + 1 };
}

const api = {
  /** How this worker gets compression helpers: the page starts them (helper-host.ts). */
  useHelperHost(host: RemoteHelperHost): void {
    piecePool = createPiecePool({
      size: defaultPoolSize(),
      createWorker: (index) => hostedWorker<PieceRequest, PieceReply>(host, `layerpad-piece-${index}`),
      local: compressPiece,
      onLocal: (reason) => console.warn(reason),
    });
  },
  stageEntries(jobId: string, entries: FsEntry[]): void {
    const list = staged.get(jobId);
    if (list) list.push(...entries);
    else staged.set(jobId, entries);
  },
  /** Builds the layer staged under `jobId`; with its `recipe` (core/build/recipe.ts), keeps it in the build store. */
  buildLayer(jobId: string, layer: Omit<EntriesLayer, 'entries'>, created: string, compression: LayerCompression, recipe: string | null, onProgress: (p: LayerProgress) => void): Promise<Layer> {
    const entries = staged.get(jobId) ?? [];
    staged.delete(jobId);
    return jobs.run(jobId, async (signal, deliver) => {
      const stored = recipe ? await store : null;
      const key = stored && recipe ? await storeKey(recipe) : null;
      const tools = await encoding(compression);
      const build = () =>
        buildLayer({ ...layer, entries }, { created, compression, signal, onProgress: throttled(deliver(onProgress)), ...tools, ...(key ? { sink: stored!.sink(key) } : {}) })
          .catch(async (error) => {
            if (signal.aborted) throw error;
            const unreadable = await unreadableFiles(entries);
            throw unreadable.length > 0 ? unreadableError(unreadable) : error;
          });
      if (!key) return build();
      return storing.run(key, async () => {
        const earlier = await stored!.get(key);
        if (earlier) return earlier;
        const built = await build();
        await stored!.commit(key, { descriptor: built.descriptor, diffId: built.diffId, tarSize: built.tarSize });
        return built;
      });
    });
  },
  /** The layer a recipe made before (in this page or an earlier one), when the build store still has it. */
  async storedLayer(recipe: string): Promise<Layer | null> {
    return (await (await store)?.get(await storeKey(recipe))) ?? null;
  },
  /** Reclaims stored layers no recipe listed here makes; says what the store then holds. */
  async retainStored(recipes: string[]): Promise<{ bytes: number; layers: number } | null> {
    const stored = await store;
    if (!stored) return null;
    await stored.retain(new Set(await Promise.all(recipes.map(storeKey))));
    return stored.usage();
  },
  /** Recompresses and/or squashes each image of an assembled index as the output options say. */
  finishImage(jobId: string, layout: ImageIndex, options: FinishOptions, onProgress: (p: LayerProgress) => void): Promise<ImageIndex> {
    return jobs.run(jobId, async (signal, deliver) => {
      const progress = throttled(deliver(onProgress));
      const target = options.compression === 'keep' ? (options.squash ? 'gzip' : null) : options.compression;
      if (!target) return layout;
      const tools = await encoding(target);
      const images = [];
      for (const image of layout.images) {
        images.push(options.squash
          ? await squashImage(image, { signal, compression: target, scratch: tools.sink, onProgress: progress, ...tools })
          : await recompressImage(image, target, { signal, cache: recompressed, onProgress: progress, ...tools }));
      }
      return images.every((image, i) => image === layout.images[i]) ? layout : indexImages(images, layout.name);
    });
  },
  /** Opens an image archive as the base of an edit (every platform, unless `selected` says which): verified, with each layer's files. */
  openBases(jobId: string, input: ArchiveInput, fileName: string, selected: Digest[] | undefined, onProgress: (p: LayerProgress) => void) {
    return jobs.run(jobId, (signal, deliver) => {
      const progress = throttled(deliver(onProgress));
      return openBases(input, fileName, { selected, signal, onProgress: (done, total) => progress({ done, total }) });
    });
  },
  /** A base file's bytes, to copy it up into a layer of the edit. */
  readBaseFile(layer: Layer, path: string, occurrence: number): Promise<Blob> {
    return readBaseFile(layer, path, occurrence);
  },
  /** One image per spec (platform), `layers[i]` being spec i's built layers, and their index. */
  assembleIndex(specs: ImageSpec[], layers: Layer[][]): Promise<ImageIndex> {
    return assembleIndex(specs, layers);
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
  /** Default modes (0755 for ELF/`#!`, else 0644) and ELF architectures of files about to be added. */
  sniffFileStarts(files: Blob[]): Promise<FileStart[]> {
    return sniffFileStarts(files);
  },
  /** Frees the disk space of built blobs the UI no longer holds (names of the Files to keep). */
  async retainBlobs(names: string[]): Promise<void> {
    const keep = new Set(names);
    for (const [key, layer] of recompressed) if (layer.blob instanceof File && !keep.has(layer.blob.name)) recompressed.delete(key);
    await (await opfs)?.retain(keep);
  },
  /** The tar anatomy of the entry at `path` in a built (or base) layer. */
  layerAnatomy(layer: Layer, path: string) {
    return layerEntryAnatomy(layer.blob, path, { declared: layerCompressionOf(layer.descriptor.mediaType) });
  },
  cancel(jobId: string): void {
    staged.delete(jobId);
    jobs.cancel(jobId);
  },
};

export type EngineApi = typeof api;

Comlink.expose(api);
