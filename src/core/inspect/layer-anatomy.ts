// The tar anatomy of one entry of a layer blob (compressed or not), for the inspector and the
// composer alike. With the entry's place from a listing it is one pass over the layer; without
// one (a freshly built layer) a first pass lists the layer's headers to find it. An uncompressed
// layer is its own tar, so it is read by slices instead of streamed.

import type { Compression } from '../compress/detect.ts';
import { openLayerStream } from '../compress/layer-stream.ts';
import { BLOCK_SIZE } from '../tar/header.ts';
import { readTar } from '../tar/read.ts';
import { tarAnatomy, type EntryPlace, type TarAnatomy } from '../tar/anatomy.ts';
import type { ListedEntry } from './layer-entries.ts';

export interface LayerAnatomy extends TarAnatomy {
  compression: Compression;
}

const dataEnd = (listed: Pick<ListedEntry, 'entry' | 'dataOffset'>) =>
  listed.dataOffset + Math.ceil((listed.entry.type === 'file' ? listed.entry.size : 0) / BLOCK_SIZE) * BLOCK_SIZE;

/** Where `listed` is, and where the listing's entries end (`last` is the listing's last entry). */
export function placeOf(listed: ListedEntry, last: ListedEntry | undefined): EntryPlace {
  return {
    path: listed.entry.path,
    headerOffset: listed.headerOffset,
    dataOffset: listed.dataOffset,
    dataSize: listed.entry.type === 'file' ? listed.entry.size : 0,
    entriesEnd: last ? dataEnd(last) : 0,
  };
}

export interface LayerAnatomyOptions {
  declared?: Compression | null;
  /** The entry's place, when a listing knows it; otherwise the layer is listed first. */
  place?: EntryPlace;
  signal?: AbortSignal;
}

/** The anatomy of the last entry named `path` in the layer (the one a container sees). */
export async function layerEntryAnatomy(blob: Blob, path: string, opts: LayerAnatomyOptions = {}): Promise<LayerAnatomy> {
  const place = opts.place ?? (await findEntry(blob, path, opts));
  const stream = await openLayerStream(blob, { declared: opts.declared, signal: opts.signal });
  const source = stream.compression === 'none' ? blob : stream.tar;
  try {
    return { ...(await tarAnatomy(source, place)), compression: stream.compression };
  } finally {
    await stream.tar.return(undefined);
  }
}

async function findEntry(blob: Blob, path: string, opts: LayerAnatomyOptions): Promise<EntryPlace> {
  const stream = await openLayerStream(blob, { declared: opts.declared, signal: opts.signal });
  let found: ListedEntry | undefined;
  let last: ListedEntry | undefined;
  for await (const { entry, headerOffset, dataOffset, rawName, warnings } of readTar(stream.tar, { sliceContent: false })) {
    last = { entry, headerOffset, dataOffset, rawName, warnings };
    if (entry.path === path) found = last;
  }
  if (!found) throw new Error(`/${path} is not in this layer's tar`);
  return placeOf(found, last);
}
