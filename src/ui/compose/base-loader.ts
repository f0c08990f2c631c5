// Reading a base image into the composer, in the engine worker: starting an edit from an archive
// (the New image dialog, the inspector's "Edit this image"), reading the base again after a
// reload, or taking it again from the person when this browser could not keep it. A file that
// holds another image than the edit's base is refused, saying which file is needed.

import type { Digest } from '../../core/digest.ts';
import type { OpenedBase } from '../../core/edit/base.ts';
import type { ArchiveInput } from '../../core/formats/open.ts';
import { humanBytes } from '../shared/format.ts';
import { openBasesInWorker } from '../../worker/client.ts';
import { keepBaseArchive } from './base-archive.ts';
import { compositionFromBases } from './model/from-base.ts';
import { useComposer } from './store/index.ts';
import { withoutHistory } from './history.ts';

let reading: AbortController | undefined;

async function open(input: ArchiveInput, fileName: string, selected: Digest[] | undefined): Promise<OpenedBase[]> {
  reading?.abort();
  const controller = (reading = new AbortController());
  const startedAt = performance.now();
  const { setBaseReading } = useComposer.getState();
  setBaseReading({ state: 'reading', fileName, progress: null });
  try {
    return await openBasesInWorker(input, fileName, selected, ({ done, total }) => {
      if (reading === controller) setBaseReading({ state: 'reading', fileName, progress: { done, total, startedAt, at: performance.now() } });
    }, controller.signal);
  } finally {
    if (reading === controller) reading = undefined;
  }
}

export function cancelBaseReading(): void {
  reading?.abort(new DOMException('Cancelled by the user', 'AbortError'));
}

/**
 * A new edit of the image `selected` in `input` (when absent: every platform of a multi-platform
 * archive, else its default image); rejects with the reason it cannot be one.
 */
export async function startFromBase(input: ArchiveInput, fileName: string, selected?: Digest): Promise<void> {
  const store = useComposer.getState();
  let opened: OpenedBase[];
  try {
    opened = await open(input, fileName, selected ? [selected] : undefined);
  } finally {
    store.setBaseReading(null);
  }
  store.replaceComposition(compositionFromBases(opened));
  if (!(await keepBaseArchive(fileName, input))) {
    store.notify('error', `This browser could not keep ${fileName} (${humanBytes(opened[0].source.size)}), probably for lack of storage space. Your edit is saved, but after a reload you will be asked for that file again.`);
  }
}

/** The edit's bases (one per platform) read again, from storage or as picked by the person (`keep`: store it too). */
export async function reloadBase(input: ArchiveInput, fileName: string, { keep }: { keep: boolean }): Promise<void> {
  const store = useComposer.getState();
  const edited = store.composition.platforms.filter((p) => p.base);
  if (edited.length === 0) return;
  const needed = edited[0].base!.source;
  try {
    const opened = await open(input, fileName, edited.map((p) => p.base!.source.selected));
    opened.forEach((base, i) => {
      if (base.source.manifestDigest !== edited[i].base!.source.manifestDigest) {
        throw new Error(`${fileName} holds the image ${base.source.manifestDigest}, not the base of this edit`);
      }
    });
    withoutHistory(() => opened.forEach((base, i) => useComposer.getState().setBaseLoaded(edited[i].id, { image: base.image, entries: base.entries })));
    store.setBaseReading(null);
    if (keep) await keepBaseArchive(fileName, input);
  } catch (error) {
    if ((error as Error).name === 'AbortError') return store.setBaseReading({ state: 'missing' });
    store.setBaseReading({
      state: 'missing',
      error: `${(error as Error).message}. This edit needs ${needed.fileName} (${humanBytes(needed.size)}, manifest ${needed.manifestDigest}).`,
    });
  }
}
