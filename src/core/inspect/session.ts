// One opened image, as the inspection worker holds it: where it comes from (an indexed archive, or
// a registry whose blobs are pulled when first needed), the selected image, and (once asked for)
// every layer's listing with the merged filesystem. Verification lists the layers as it hashes
// them and analyse reuses that (waiting for a pass in flight), so each layer is decompressed once
// for both. Everything it returns is a plain view; the Blobs stay here. Pure TypeScript, so it is
// tested under Node.

import type { Digest } from '../digest.ts';
import { openImageArchive, type ArchiveInput } from '../formats/open.ts';
import { blobOf, type InspectedImage, type InspectedLayer } from '../formats/reading.ts';
import type { ReadOptions } from '../formats/oci-layout/read.ts';
import { imageOfReading } from '../formats/image-of-reading.ts';
import { verifyImage, type VerificationReport, type VerifyOptions } from './verify.ts';
import { layerWhere, listLayer, readLayerFile, type BodyBudget, type LayerListing, type ListedEntry } from './layer-entries.ts';
import { mergeLayers, type MergedFs } from '../fs/merge.ts';
import { diveEfficiency, type EfficiencyReport } from '../fs/efficiency.ts';
import { resolvePath } from '../fs/links.ts';
import { tarTv } from './tar-tv.ts';
import type { FsEntry } from '../fs/entry.ts';
import { toImageView } from './image-view.ts';
import { largest, layerLabel, layerRowSource, mergedTree } from './fs-view.ts';
import { previewContent } from './preview.ts';
import { layerEntryAnatomy, placeOf, type LayerAnatomy } from './layer-anatomy.ts';
import { configOfReading, sideLayersOfReading, type CompareSide } from './compare-side.ts';
import { writeImageTar } from '../formats/image-tar/write.ts';
import { indexImages } from '../image/assemble.ts';
import { parseImageReference } from '../oci/reference.ts';
import type { FilePreview, FileRequest, FilesystemSummary, ImageView, LayerFiles, LayerRow, VerifyProgress } from './views.ts';
import { flattenTree, TREE_PAGE_ROWS, type TreeRow } from './tree-pages.ts';

/** Files up to this size are read for a preview; larger ones are offered as a download. */
export const MAX_PREVIEW_READ = 16 * 1024 * 1024;
/** A file streamed out of a compressed layer is read into memory; beyond this it is refused. */
export const MAX_DOWNLOAD_BYTES = 512 * 1024 * 1024;
/** Small files whose bytes a listing keeps (each, and in all per image) so previews are instant. */
export const KEPT_BODY_MAX_FILE = 64 * 1024;
export const KEPT_BODIES_MAX_TOTAL = 32 * 1024 * 1024;
const freshBodyBudget = (): BodyBudget => ({ maxFileBytes: KEPT_BODY_MAX_FILE, remaining: KEPT_BODIES_MAX_TOTAL });
/** Layer rows sent to the UI in one answer. */
export const MAX_ROWS_PER_PAGE = 5000;

export interface InspectSession {
  view: ImageView;
  select(manifest: Digest): Promise<ImageView>;
  verify(opts: VerifyOptions): Promise<VerificationReport>;
  analyse(opts: { signal?: AbortSignal; onProgress?: (p: VerifyProgress) => void }): Promise<FilesystemSummary>;
  /** The merged tree, made on first ask (analyse does not wait for it): how many rows it has (see treeRows). */
  mergedTree(): number;
  /** dive's efficiency of the analysed layers, made on first ask. */
  efficiency(): EfficiencyReport;
  /** Rows `start` to `end` (exclusive) of a layer's `tar -tv` listing, after analyse. */
  layerRows(layer: number, start: number, end: number): LayerRow[];
  /** Rows `start` to `end` (exclusive) of the flattened merged tree, after mergedTree. */
  treeRows(start: number, end: number): TreeRow[];
  preview(request: FileRequest, signal?: AbortSignal): Promise<FilePreview>;
  download(request: FileRequest, signal?: AbortSignal): Promise<{ blob: Blob; name: string }>;
  /** The tar header block(s), records and data blocks of a listed entry. */
  anatomy(request: FileRequest, signal?: AbortSignal): Promise<LayerAnatomy>;
  /** The selected image as one side of a comparison (its layers read first, if they were not). */
  compareSide(opts: { signal?: AbortSignal; onProgress?: (p: VerifyProgress) => void }): Promise<CompareSide>;
  /** Another image (platform) of the same archive, as read. */
  reading(manifest: Digest): Promise<InspectedImage>;
  /** The selected image as an image tar (docker load, podman load, skopeo), once it is the image model. */
  imageTar(): Promise<{ blob: Blob; name: string }>;
}

/** Where a session's image comes from; `inspect` is asked again when another manifest is selected. */
export interface ImageSource {
  inspect(opts?: ReadOptions): Promise<InspectedImage>;
  /** What the view says about the source: files in the archive, or the registry it is pulled from. */
  describe(): Pick<ImageView, 'archiveEntries' | 'pulledFrom'>;
}

export async function openSession(input: ArchiveInput, fileName: string, signal?: AbortSignal): Promise<InspectSession> {
  const started = performance.now();
  const archive = await openImageArchive(input, { name: fileName, signal });
  return openSessionOver({ inspect: (opts) => archive.inspect(opts), describe: () => ({ archiveEntries: archive.files.names().length }) }, fileName, started);
}

/** A session over any image source (`first`: its default image, when already read); `started` is when opening began. */
export async function openSessionOver(source: ImageSource, name: string, started = performance.now(), first?: InspectedImage): Promise<InspectSession> {
  const image = first ?? (await source.inspect());
  return new Session(source, image, name, performance.now() - started);
}

/** What analyse read of the selected image's layers. */
interface Analysed {
  listings: (LayerListing | undefined)[];
  fs: MergedFs;
  rows: (((start: number, end: number) => LayerRow[]) | undefined)[];
  /** The merged tree and dive's efficiency, made when first asked for: the layer lists need neither. */
  tree?: TreeRow[];
  efficiency?: EfficiencyReport;
}

class Session implements InspectSession {
  view: ImageView;
  private analysed?: Analysed;
  /** Layer listings that verification read on its way through, by layer digest. */
  private listedByVerify = new Map<Digest, LayerListing>();
  /** Small files' bodies kept while listing the selected image's layers, for instant previews. */
  private bodyBudget = freshBodyBudget();
  /** The verification pass in flight, which analyse waits for rather than read the layers twice. */
  private verifying?: { settled: Promise<void>; watchers: Set<(p: VerifyProgress) => void> };

  constructor(private source: ImageSource, private image: InspectedImage, private fileName: string, private openMs: number) {
    this.view = this.viewOf(openMs);
  }

  private viewOf(openMs: number): ImageView {
    this.openMs = openMs;
    return toImageView(this.image, { fileName: this.fileName, ...this.source.describe(), openMs });
  }

  async select(manifest: Digest): Promise<ImageView> {
    const started = performance.now();
    this.image = await this.source.inspect({ manifest });
    this.analysed = undefined;
    this.listedByVerify.clear();
    this.bodyBudget = freshBodyBudget();
    return (this.view = this.viewOf(performance.now() - started));
  }

  verify(opts: VerifyOptions): Promise<VerificationReport> {
    const image = this.image;
    const watchers = new Set<(p: VerifyProgress) => void>();
    const run = verifyImage(image, {
      ...opts,
      onProgress: (done, total) => {
        opts.onProgress?.(done, total);
        for (const watch of watchers) watch({ done, total });
      },
      listing: {
        keepBodies: this.bodyBudget,
        onListing: (layer, listing) => {
          if (this.image === image && layer.descriptor.sha256) this.listedByVerify.set(layer.descriptor.sha256, listing);
        },
      },
    });
    const checked = run.then(async (report) => {
      if (image.format === 'registry' && this.image === image) await this.pulledImageVerified(image, report);
      return report;
    });
    const pass = { settled: checked.then(() => undefined, () => undefined), watchers };
    this.verifying = pass;
    void pass.settled.then(() => {
      if (this.verifying === pass) this.verifying = undefined;
    });
    return checked;
  }

  /**
   * A pulled image becomes the image model (to edit, save or push) only once every blob it is made
   * of has been pulled and verified: its layers are not in the model before.
   */
  private async pulledImageVerified(image: InspectedImage, report: VerificationReport): Promise<void> {
    const own = [image.selected, image.config?.descriptor?.digest, ...image.layers.map((l) => l.descriptor.digest)];
    const failed = own.filter((digest) => digest && report.blobs.get(digest)?.status !== 'verified');
    const badLayers = report.layers.filter((l) => l.status !== 'verified').map((l) => `layer L${l.index + 1}: ${l.message}`);
    image.model = failed.length === 0 && badLayers.length === 0
      ? await imageOfReading(image)
      : { reasons: [`it did not verify (${[...failed.map((d) => `${d}: ${report.blobs.get(d!)?.message ?? 'not checked'}`), ...badLayers].join('; ')})`] };
    this.view = this.viewOf(this.openMs);
  }

  /** Waits for a verification pass in flight (its progress stands for ours), unless `signal` aborts first. */
  private async afterVerification(signal?: AbortSignal, onProgress?: (p: VerifyProgress) => void): Promise<void> {
    const pass = this.verifying;
    if (!pass) return;
    const watch = (p: VerifyProgress) => onProgress?.(p);
    pass.watchers.add(watch);
    let onAbort = () => {};
    try {
      await Promise.race([pass.settled, new Promise<never>((_, reject) => {
        onAbort = () => reject(signal!.reason);
        if (signal?.aborted) onAbort();
        signal?.addEventListener('abort', onAbort, { once: true });
      })]);
    } finally {
      pass.watchers.delete(watch);
      signal?.removeEventListener('abort', onAbort);
    }
  }

  /** The layer's blob, pulled first when it is a registry's and not yet here. */
  private layerBlob(layer: InspectedLayer, signal?: AbortSignal): Promise<Blob | undefined> {
    return blobOf(layer.descriptor.sha256 ? this.image.blobs.get(layer.descriptor.sha256) : undefined, { size: layer.descriptor.size, signal });
  }

  private layerSize(layer: InspectedLayer): number {
    const ref = layer.descriptor.sha256 ? this.image.blobs.get(layer.descriptor.sha256) : undefined;
    return ref?.blob?.size ?? (ref?.fetch ? Math.max(layer.descriptor.size, 0) : 0);
  }

  async analyse({ signal, onProgress }: { signal?: AbortSignal; onProgress?: (p: VerifyProgress) => void }): Promise<FilesystemSummary> {
    const started = performance.now();
    await this.afterVerification(signal, onProgress);
    const layers = this.image.layers;
    const pending = layers.filter((l) => l.declaredCompression !== null && !this.listedBefore(l));
    const total = pending.reduce((n, l) => n + this.layerSize(l), 0);
    let before = 0;
    const listings: (LayerListing | undefined)[] = [];
    for (const layer of layers) {
      const listed = this.listedBefore(layer);
      const blob = listed || layer.declaredCompression === null ? undefined : await this.layerBlob(layer, signal);
      if (listed || !blob || layer.declaredCompression === null) {
        listings.push(listed);
        continue;
      }
      listings.push(await listLayer(blob, {
        declared: layer.declaredCompression,
        where: layerWhere(layer),
        keepBodies: this.bodyBudget,
        signal,
        onProgress: (done) => onProgress?.({ done: before + done, total }),
      }));
      before += blob.size;
    }
    const fs = mergeLayers(entryListsOf(listings));
    this.analysed = { listings, fs, rows: listings.map((listing, i) => listing && layerRowSource(listing, i, fs)) };
    const layerViews: LayerFiles[] = layers.map((layer, i) => {
      const listing = listings[i];
      if (!listing) {
        const why = layer.declaredCompression === null ? 'not a layer media type; not unpacked' : 'the layer blob is not in the archive';
        return { index: i, listed: false, complete: false, rowCount: 0, wastedBytes: 0, problems: [{ severity: 'warning', where: layerLabel(i), message: why }] };
      }
      return { index: i, listed: true, complete: listing.complete, compression: listing.compression, rowCount: listing.entries.length, wastedBytes: fs.wastedBytes[i] ?? 0, problems: listing.problems };
    });
    return {
      layers: layerViews,
      largest: largest(fs),
      wastedTotal: fs.wastedTotal,
      fileCount: fs.fileCount,
      totalBytes: fs.totalBytes,
      problems: fs.problems,
      analyseMs: performance.now() - started,
    };
  }

  /** What analyse read; asking for any of it before analyse is an error. */
  private layersRead(): Analysed {
    if (!this.analysed) throw new Error('the layers have not been read yet');
    return this.analysed;
  }

  mergedTree(): number {
    const analysed = this.layersRead();
    analysed.tree ??= flattenTree(mergedTree(analysed.fs));
    return analysed.tree.length;
  }

  efficiency(): EfficiencyReport {
    const analysed = this.layersRead();
    return (analysed.efficiency ??= diveEfficiency(entryListsOf(analysed.listings)));
  }

  private listedBefore(layer: InspectedLayer): LayerListing | undefined {
    return layer.descriptor.sha256 ? this.listedByVerify.get(layer.descriptor.sha256) : undefined;
  }

  layerRows(layer: number, start: number, end: number): LayerRow[] {
    const rows = this.layersRead().rows[layer];
    if (!rows) throw new Error(`layer ${layerLabel(layer)} was not read`);
    return rows(Math.max(0, start), Math.min(end, start + MAX_ROWS_PER_PAGE));
  }

  treeRows(start: number, end: number): TreeRow[] {
    const tree = this.analysed?.tree;
    if (!tree) throw new Error('the merged tree has not been made yet');
    return tree.slice(Math.max(0, start), Math.min(end, start + TREE_PAGE_ROWS));
  }

  /** The entry at `path` in `layer` as listed (the last one, when the layer lists it twice). */
  private listedAt(layer: number, path: string): ListedEntry | undefined {
    const entries = this.analysed?.listings[layer]?.entries;
    if (!entries) return undefined;
    for (let i = entries.length - 1; i >= 0; i--) if (entries[i].entry.path === path) return entries[i];
    return undefined;
  }

  /** Where the bytes of a file live: itself, or a link's target resolved inside the image. */
  private locate(request: FileRequest): { entry: FsEntry; target?: { layer: number; path: string; entry: FsEntry; hops: number; clamped: boolean }; error?: string } {
    const analysed = this.layersRead();
    const entry = this.listedAt(request.layer, request.path)?.entry;
    if (!entry) throw new Error(`/${request.path} is not in layer ${layerLabel(request.layer)}`);
    if (entry.type === 'file') return { entry, target: { layer: request.layer, path: entry.path, entry, hops: 0, clamped: false } };
    if (entry.type === 'hardlink' && entry.linkname) {
      const same = this.listedAt(request.layer, entry.linkname)?.entry; // a hardlink's bytes are in its own layer
      if (same?.type === 'file') return { entry, target: { layer: request.layer, path: same.path, entry: same, hops: 1, clamped: false } };
    }
    if (entry.type !== 'symlink' && entry.type !== 'hardlink') return { entry };
    const linkDir = entry.type === 'symlink' && !entry.linkname?.startsWith('/') ? entry.path.split('/').slice(0, -1).join('/') : '';
    const start = [linkDir, entry.linkname ?? ''].filter(Boolean).join('/');
    const resolved = resolvePath(analysed.fs, start);
    if (!resolved.ok) return { entry, error: `${entry.type} to ${entry.linkname}: ${resolved.message}` };
    const node = resolved.node;
    return { entry, target: { layer: node.layer, path: node.path, entry: node.entry, hops: resolved.hops + 1, clamped: resolved.clamped } };
  }

  async preview(request: FileRequest, signal?: AbortSignal): Promise<FilePreview> {
    const { entry, target, error } = this.locate(request);
    const base = {
      path: entry.path,
      layer: request.layer,
      type: entry.type,
      tv: tarTv(entry),
      ...(target && (target.path !== entry.path || target.layer !== request.layer) ? { resolved: { path: target.path, layer: target.layer, hops: target.hops, clamped: target.clamped } } : {}),
      ...(error ? { error } : {}),
    };
    if (!target) return { ...base, content: { kind: 'none', note: error ? 'The link leads nowhere inside the image.' : `A ${entry.type} has no content.` }, downloadable: false };
    if (target.entry.type !== 'file') return { ...base, content: { kind: 'none', note: `The link leads to a ${target.entry.type}, which has no content.` }, downloadable: false };
    if (target.entry.size > MAX_PREVIEW_READ) {
      const downloadable = target.entry.size <= MAX_DOWNLOAD_BYTES || this.slicesDirectly(target.layer);
      return { ...base, content: { kind: 'none', note: `${target.entry.size} bytes is too large to preview here; download it instead.` }, downloadable };
    }
    const file = await this.read(target.layer, target.path, MAX_PREVIEW_READ, signal);
    if (!file.content) return { ...base, error: file.note, content: { kind: 'none', note: file.note ?? 'Not readable.' }, downloadable: false };
    const bytes = file.content instanceof Blob ? new Uint8Array(await file.content.arrayBuffer()) : file.content;
    return { ...base, content: previewContent(bytes), downloadable: true };
  }

  async download(request: FileRequest, signal?: AbortSignal): Promise<{ blob: Blob; name: string }> {
    const { target, error } = this.locate(request);
    if (!target || target.entry.type !== 'file') throw new Error(error ?? `/${request.path} has no content to download`);
    const file = await this.read(target.layer, target.path, MAX_DOWNLOAD_BYTES, signal);
    if (!file.content) throw new Error(file.note ?? `/${target.path} could not be read`);
    const blob = new Blob([file.content as Blob | Uint8Array<ArrayBuffer>], { type: 'application/octet-stream' });
    return { blob, name: request.path.slice(request.path.lastIndexOf('/') + 1) || 'file' };
  }

  async anatomy(request: FileRequest, signal?: AbortSignal): Promise<LayerAnatomy> {
    const listed = this.listedAt(request.layer, request.path);
    const layer = this.image.layers[request.layer];
    const blob = layer && (await this.layerBlob(layer, signal));
    if (!listed || !blob) throw new Error(`/${request.path} is not in layer ${layerLabel(request.layer)}`);
    const place = placeOf(listed, this.analysed!.listings[request.layer]!.entries.at(-1));
    return layerEntryAnatomy(blob, request.path, { declared: layer.declaredCompression, place, signal });
  }

  async compareSide(opts: { signal?: AbortSignal; onProgress?: (p: VerifyProgress) => void }): Promise<CompareSide> {
    if (!this.analysed) await this.analyse(opts);
    return { label: this.fileName, layers: sideLayersOfReading(this.image), config: configOfReading(this.image), listings: this.analysed!.listings };
  }

  reading(manifest: Digest): Promise<InspectedImage> {
    return this.source.inspect({ manifest });
  }

  async imageTar(): Promise<{ blob: Blob; name: string }> {
    const model = this.image.model;
    if (!model || 'reasons' in model) throw new Error(`The image cannot be saved: ${model ? model.reasons.join('; ') : 'no image could be read'}.`);
    const name = this.image.names.find(isImageName);
    const blob = await writeImageTar(await indexImages([model.image], name));
    return { blob, name: `${(name ?? 'image').replace(/[^A-Za-z0-9._-]+/g, '-')}.tar` };
  }

  /** An uncompressed layer is its own tar: any file in it is a slice of the blob. */
  private slicesDirectly(layerIndex: number): boolean {
    return this.analysed?.listings[layerIndex]?.compression === 'none';
  }

  /**
   * A file's bytes, the cheapest way there is: kept from the listing, sliced from an uncompressed
   * layer (any size), or else streamed through the decompressor to the file (up to `maxBytes`).
   */
  private async read(layerIndex: number, path: string, maxBytes: number, signal?: AbortSignal): Promise<{ content?: Blob | Uint8Array; note?: string }> {
    const layer = this.image.layers[layerIndex];
    const blob = layer && (await this.layerBlob(layer, signal));
    if (!blob) return { note: `layer ${layerLabel(layerIndex)} is not in the archive` };
    const listed = this.listedAt(layerIndex, path);
    if (listed?.body) return { content: listed.body };
    if (listed?.entry.type === 'file' && this.slicesDirectly(layerIndex)) return { content: blob.slice(listed.dataOffset, listed.dataOffset + listed.entry.size) };
    const entries = this.analysed?.listings[layerIndex]?.entries;
    const occurrence = entries ? entries.filter((e) => e.entry.path === path).length : 1;
    const file = await readLayerFile(blob, path, { declared: layer.declaredCompression, maxBytes, signal, occurrence: Math.max(1, occurrence) });
    if (!file) return { note: `/${path} was not found in layer ${layerLabel(layerIndex)}` };
    return file.bytes ? { content: file.bytes } : { note: file.note };
  }
}

const entryListsOf = (listings: (LayerListing | undefined)[]) => listings.map((l) => (l ? l.entries.map((e) => e.entry) : []));

function isImageName(name: string): boolean {
  try {
    parseImageReference(name);
    return true;
  } catch {
    return false;
  }
}
