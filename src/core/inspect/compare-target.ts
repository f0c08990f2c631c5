// What the opened image is compared with, made into the other side: another archive (read here,
// beside the open one), another platform of the same index, or an image model (the composer's
// build). The open session is side A.

import type { Digest } from '../digest.ts';
import type { Image } from '../image/model.ts';
import { openImageArchive, type ArchiveInput } from '../formats/open.ts';
import type { InspectedImage } from '../formats/reading.ts';
import { compareSides, type Comparison } from './compare.ts';
import { configOfReading, listSide, sideLayersOfImage, sideLayersOfReading, type CompareSide } from './compare-side.ts';
import type { InspectSession } from './session.ts';
import type { VerifyProgress } from './views.ts';

export type CompareTarget =
  | { kind: 'archive'; input: ArchiveInput; name: string }
  | { kind: 'platform'; manifest: Digest; label: string }
  | { kind: 'image'; image: Image; label: string };

export interface CompareOptions {
  signal?: AbortSignal;
  /** `side` says whose layers are being read. */
  onProgress?: (p: VerifyProgress & { side: 'A' | 'B' }) => void;
}

export async function compareWith(session: InspectSession, target: CompareTarget, opts: CompareOptions = {}): Promise<Comparison> {
  const a = await session.compareSide({ signal: opts.signal, onProgress: (p) => opts.onProgress?.({ ...p, side: 'A' }) });
  const known = new Map(a.layers.flatMap((l, i) => (l.diffId && a.listings[i]?.complete ? [[l.diffId as string, a.listings[i]!]] : [])));
  const listB = (label: string, side: Pick<CompareSide, 'layers' | 'config'>) =>
    listSide(label, side.layers, side.config, { signal: opts.signal, known, onProgress: (done, total) => opts.onProgress?.({ done, total, side: 'B' }) });
  const ofReading = (label: string, reading: InspectedImage) => {
    if (reading.layers.length === 0 && !reading.config) throw new Error(`${label}: no image could be read from it`);
    return listB(label, { layers: sideLayersOfReading(reading), config: configOfReading(reading) });
  };
  let b: CompareSide;
  if (target.kind === 'archive') {
    const archive = await openImageArchive(target.input, { name: target.name, signal: opts.signal });
    b = await ofReading(target.name, await archive.inspect());
  } else if (target.kind === 'platform') {
    b = await ofReading(target.label, await session.reading(target.manifest));
  } else {
    b = await listB(target.label, { layers: sideLayersOfImage(target.image), config: target.image.config.value });
  }
  return compareSides(a, b, { signal: opts.signal });
}
