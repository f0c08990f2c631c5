// Squashing an image into one layer: every layer's tar is read (a compressed one is first
// decompressed into the sink, so its files can be sliced), the layers are merged exactly as a
// container runtime applies them (whiteouts and opaque folders delete lower paths, upper entries
// replace lower ones), and what is visible at the end is written as a single new layer. Deleted
// files are simply absent: no whiteouts remain, as there is nothing below to hide. History keeps
// every entry (marked empty_layer, since their layers are gone) and gains one for the squash.

import { openLayerStream } from '../compress/layer-stream.ts';
import type { FsEntry } from '../fs/entry.ts';
import { mergeLayers, type MergedNode } from '../fs/merge.ts';
import type { Image, Layer } from '../image/model.ts';
import { assembleImage } from '../image/assemble.ts';
import { layerCompressionOf } from '../oci/media-types.ts';
import type { ImageConfig } from '../oci/types.ts';
import { memorySinkFactory } from '../store/memory.ts';
import type { BlobSinkFactory } from '../store/sink.ts';
import { readTar } from '../tar/read.ts';
import { buildLayer, epochSecondsOf, type EncodeLayerOptions } from './layer.ts';
import { EPOCH } from './spec.ts';

export interface SquashOptions extends Omit<EncodeLayerOptions, 'onProgress'> {
  /** Where decompressed tars wait while the squashed layer is written (OPFS in a browser). */
  scratch?: BlobSinkFactory;
  onProgress?: (p: { done: number; total: number }) => void;
}

export async function squashImage(image: Image, opts: SquashOptions = {}): Promise<Image> {
  const total = image.layers.reduce((n, layer) => n + layer.descriptor.size, 0);
  let read = 0;
  const layers: FsEntry[][] = [];
  for (const layer of image.layers) {
    const tar = await tarOf(layer, opts, (n) => opts.onProgress?.({ done: (read += n), total }));
    const entries: FsEntry[] = [];
    for await (const { entry } of readTar(tar)) entries.push(entry);
    layers.push(entries);
  }
  const merged = mergeLayers(layers);
  const broken = merged.problems.find((p) => p.severity === 'error');
  if (broken) throw new Error(`cannot squash: ${broken.where}: ${broken.message}`);

  const config = image.config.value;
  const created = validTime(config.created);
  const squashed = await buildLayer({ kind: 'entries', entries: visibleEntries(merged.root, merged.lookup, layers) }, { ...opts, onProgress: undefined, created });
  const next: ImageConfig = {
    ...config,
    rootfs: { type: 'layers', diff_ids: [squashed.diffId] },
    history: [
      ...(config.history ?? []).map((h) => ({ ...h, empty_layer: true })),
      { created, created_by: `layerpad: squashed ${image.layers.length} layer${image.layers.length === 1 ? '' : 's'} into one` },
    ],
  };
  return assembleImage(next, [squashed], image.manifest.value.annotations);
}

/** A layer's tar as a Blob its files can be sliced from. */
async function tarOf(layer: Layer, opts: SquashOptions, onRead: (n: number) => void): Promise<Blob> {
  const declared = layerCompressionOf(layer.descriptor.mediaType);
  if (declared === null) throw new Error(`cannot squash: layer ${layer.descriptor.digest} has media type ${layer.descriptor.mediaType}, not a layer`);
  const stream = await openLayerStream(layer.blob, { declared, signal: opts.signal, onCompressed: (chunk) => onRead(chunk.byteLength) });
  if (stream.compression === 'none') {
    for await (const _ of stream.tar); // counts the bytes for progress; the blob itself is the tar
    return layer.blob;
  }
  const sink = (opts.scratch ?? memorySinkFactory).create();
  try {
    for await (const chunk of stream.tar) await sink.write(chunk);
    return await sink.close();
  } catch (error) {
    sink.abort();
    throw error;
  }
}

/**
 * The entries still visible, each with its content slice. A hardlink whose target was replaced or
 * deleted by a later layer still names the bytes it was made with, so it becomes a copy of them.
 */
function visibleEntries(root: MergedNode, lookup: (path: string) => MergedNode | undefined, layers: FsEntry[][]): FsEntry[] {
  const out: FsEntry[] = [];
  const stack = [...root.children!.values()];
  while (stack.length) {
    const node = stack.pop()!;
    if (node.children) for (const child of node.children.values()) stack.push(child);
    if (node.implicit) continue;
    const entry = node.entry;
    if (entry.type !== 'hardlink') {
      out.push(entry);
      continue;
    }
    const target = lookup(entry.linkname ?? '');
    if (target && target.layer <= node.layer && (target.entry.type === 'file' || target.entry.type === 'hardlink')) {
      out.push(entry);
      continue;
    }
    const original = fileAsLinkedTo(layers, node.layer, entry.linkname ?? '');
    if (!original) throw new Error(`cannot squash: hardlink /${entry.path} points to /${entry.linkname}, which no layer up to it holds`);
    out.push({ ...original, path: entry.path, mode: entry.mode, uid: entry.uid, gid: entry.gid, uname: entry.uname, gname: entry.gname, mtime: entry.mtime });
  }
  return out;
}

/** The regular file at `path` as a hardlink made in layer `upTo` saw it: its last copy at or below. */
function fileAsLinkedTo(layers: FsEntry[][], upTo: number, path: string): FsEntry | undefined {
  for (let layer = upTo; layer >= 0; layer--) {
    const entries = layers[layer];
    for (let i = entries.length - 1; i >= 0; i--) if (entries[i].path === path && entries[i].type === 'file') return entries[i];
  }
  return undefined;
}

/** The image's created time, when it is one a tar mtime can come from. */
function validTime(created: string | undefined): string {
  if (created === undefined) return EPOCH;
  try {
    epochSecondsOf(created);
    return created;
  } catch {
    return EPOCH;
  }
}
