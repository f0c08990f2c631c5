// Saves the whole composition, file contents included, in IndexedDB and restores it on reload.
// File Blobs are stored once each under their own key (a 200 MB file is not rewritten on every
// keystroke); the composition document refers to them by key. An edit's base image is kept as the
// archive the person gave (stored once, when the edit starts) and read again after a reload; the
// base's files themselves are never stored. A save never overwrites another tab's (save-guard.ts).

import { delMany, get, keys, promisifyRequest, set } from 'idb-keyval';
import type { FsEntry } from '../../core/fs/entry.ts';
import { defaultOutput, emptyComposition, newPlatform, type ComposeBase, type ComposeLayer, type Composition, type LayerFiles, type PlatformDraft } from './model/composition.ts';
import { isOutline, markOutline } from './model/outline.ts';
import { forgetBaseArchive, loadBaseArchive } from './base-archive.ts';
import { reloadBase } from './base-loader.ts';
import { db } from './storage.ts';
import { useComposer } from './store/index.ts';
import { createSaveGuard, type SaveStamp } from './save-guard.ts';
import { resetHistory, withoutHistory } from './history.ts';
import { humanBytes } from '../shared/format.ts';
import { sendInSlices } from '../../core/slices.ts';

const DOC_KEY = 'composition';
const CONTENT_PREFIX = 'content:';
const SAVE_DELAY_MS = 400;

type StoredEntry = Omit<FsEntry, 'content'> & { contentKey?: string };
type StoredFiles = Omit<LayerFiles, 'entries' | 'deleted'> & { entries: Record<string, StoredEntry>; deleted?: string[] };
type StoredLayer = Omit<ComposeLayer, 'entries' | 'deleted' | 'perPlatform'> & StoredFiles & { perPlatform?: Record<string, StoredFiles> };
type StoredPlatform = Omit<PlatformDraft, 'base'> & { base?: Omit<ComposeBase, 'loaded'> };

/** Version 1 had one platform, no base, no deletions and no output options. */
interface StoredComposition {
  version: 1 | 2;
  /** Which tab saved it (save-guard.ts). */
  stamp?: SaveStamp;
  composition: Omit<Composition, 'layers' | 'output' | 'platforms'> & {
    layers: StoredLayer[];
    output?: Composition['output'];
    platforms?: StoredPlatform[];
    platform?: Pick<PlatformDraft, 'os' | 'architecture' | 'variant'>;
  };
}

const blobKeys = new WeakMap<Blob, string>();
/** Keys whose Blob is in IndexedDB already (saved earlier, or read back from it). */
const storedKeys = new Set<string>();
let keyCounter = 0;

/** The key a file's bytes are saved under: the same for the same Blob, before and after a reload. */
export function contentIdOf(blob: Blob): string {
  let key = blobKeys.get(blob);
  if (!key) {
    key = `${CONTENT_PREFIX}${Date.now().toString(36)}-${++keyCounter}-${Math.random().toString(36).slice(2, 8)}`;
    blobKeys.set(blob, key);
  }
  return key;
}

/** Another tab saved since this tab's version was loaded or saved. */
export class SaveConflict extends Error {
  override name = 'SaveConflict';
}

const guard = createSaveGuard(() => {
  useComposer.setState({ saveState: 'conflict' });
});
let lastSaved: Date | null = null;

/**
 * Saves `composition`; refuses (SaveConflict) to overwrite another tab's save unless `force`. An
 * outline is never saved: without its files' bytes it would drop every stored content.
 */
export async function save(composition: Composition, { force = false } = {}): Promise<void> {
  if (isOutline(composition)) throw new Error('the saved files are still being read back, so nothing was saved; try again in a moment');
  if (!force && guard.overtaken((await get<StoredComposition>(DOC_KEY, db))?.stamp)) throw new SaveConflict('changed in another tab');
  const fresh: [string, Blob][] = [];
  const used = new Set<string>();
  const storeFiles = <T extends LayerFiles>(files: T): T & StoredFiles => ({
    ...files,
    entries: Object.fromEntries(
      Object.entries(files.entries).map(([path, { content, ...rest }]) => {
        if (!content) return [path, rest];
        const key = contentIdOf(content);
        used.add(key);
        if (!storedKeys.has(key)) fresh.push([key, content]);
        return [path, { ...rest, contentKey: key }];
      }),
    ),
  });
  const layers = composition.layers.map((layer): StoredLayer => withFilesMapped(layer, (files: LayerFiles) => storeFiles(files)));
  // In slices: one transaction per file is slow, one for thousands blocks the UI thread (a put
  // clones its File here), so each slice's puts are timed and the next slice sized to fit.
  try {
    await sendInSlices(fresh, (slice) => db('readwrite', async (store) => {
      const started = performance.now();
      for (const [key, blob] of slice) store.put(blob, key);
      const ms = performance.now() - started;
      await promisifyRequest(store.transaction);
      for (const [key] of slice) storedKeys.add(key);
      return ms;
    }), { costOf: (ms) => ms as number });
  } catch (error) {
    const waiting = fresh.filter(([key]) => !storedKeys.has(key));
    const bytes = waiting.reduce((n, [, blob]) => n + blob.size, 0);
    const since = lastSaved ? `from ${lastSaved.toLocaleTimeString()}` : 'from before these files';
    throw new Error(`${waiting.length} file${waiting.length === 1 ? '' : 's'} (${humanBytes(bytes)}) could not be stored (${(error as Error).name === 'QuotaExceededError' ? "this browser's storage is full" : (error as Error).message}); a reload would bring back the version ${since}`);
  }
  const platforms = composition.platforms.map(({ base, ...platform }): StoredPlatform => ({
    ...platform,
    ...(base ? { base: { source: base.source, layers: base.layers } } : {}),
  }));
  const stamp = guard.next();
  const doc: StoredComposition = { version: 2, stamp, composition: { ...composition, layers, platforms } };
  await set(DOC_KEY, doc, db);
  guard.holds(stamp);
  guard.announce(stamp);
  lastSaved = new Date();
  if (!platforms.some((p) => p.base)) await forgetBaseArchive();
  const unused = (await keys<string>(db)).filter((key) => key.startsWith(CONTENT_PREFIX) && !used.has(key));
  if (unused.length) await delMany(unused, db);
  for (const key of unused) storedKeys.delete(key);
}

/**
 * Every stored file content by key, in two requests (getAllKeys and getAll over the content keys)
 * rather than one get per file: restoring 8014 files took 1.1 s through per-key gets.
 */
async function storedContents(): Promise<Map<string, Blob>> {
  const range = IDBKeyRange.bound(CONTENT_PREFIX, `${CONTENT_PREFIX}\uffff`);
  return db('readonly', async (store) => {
    const [keys, values] = await Promise.all([promisifyRequest(store.getAllKeys(range)), promisifyRequest(store.getAll(range))]);
    return new Map(keys.map((key, i) => [String(key), values[i] as Blob]));
  });
}

/** A saved composition in two steps: its outline at once, its file contents once read back. */
export interface SavedComposition {
  /** Every layer, platform and field as saved; file entries without their content. */
  outline: Composition;
  /** The key an outline file's bytes are stored under, the same as `contentIdOf` its Blob later. */
  contentKeyOf(entry: FsEntry): string | undefined;
  /** The whole composition, contents included. */
  complete: Promise<Composition>;
}

/** `layer` with `map` applied to its own files and to each platform's, stored or live alike. */
function withFilesMapped<F extends object, G extends object, L extends F & { perPlatform?: Record<string, F> }>(
  layer: L,
  map: (files: F) => G,
): Omit<L, keyof G | 'perPlatform'> & G & { perPlatform?: Record<string, G> } {
  const { perPlatform, ...own } = layer;
  return {
    ...own,
    ...map(own as unknown as F),
    ...(perPlatform ? { perPlatform: Object.fromEntries(Object.entries(perPlatform).map(([id, files]) => [id, map(files)])) } : {}),
  } as Omit<L, keyof G | 'perPlatform'> & G & { perPlatform?: Record<string, G> };
}

const mapEntries = (files: LayerFiles, map: (entry: FsEntry) => FsEntry): LayerFiles => ({
  ...files,
  entries: Object.fromEntries(Object.entries(files.entries).map(([path, entry]) => [path, map(entry)])),
});

/**
 * The saved composition, or null when there is none (first visit). Reading 8014 contents back
 * takes IndexedDB a few hundred milliseconds, which the outline need not wait for: the build
 * runner finds the stored layers from the content keys meanwhile.
 */
export async function loadSaved(): Promise<SavedComposition | null> {
  // Asked for in this order, the small document arrives well before the contents.
  const docRead = get<StoredComposition>(DOC_KEY, db);
  const contents = storedContents();
  contents.catch(() => {});
  const doc = await docRead;
  if (!doc || (doc.version !== 1 && doc.version !== 2)) return null;
  guard.holds(doc.stamp);
  const { layers: storedLayers, platforms: storedPlatforms, platform: legacyPlatform, output, ...rest } = doc.composition;
  const keyOf = new WeakMap<FsEntry, string>();
  const outlineFiles = (files: StoredFiles): LayerFiles => ({
    ...files,
    deleted: files.deleted ?? [],
    entries: Object.fromEntries(
      Object.entries(files.entries).map(([path, { contentKey, ...entry }]) => {
        if (contentKey) keyOf.set(entry, contentKey);
        return [path, entry];
      }),
    ),
  });
  const layers = storedLayers.map((layer): ComposeLayer => withFilesMapped(layer, outlineFiles));
  const platforms: PlatformDraft[] = storedPlatforms ?? [{ ...newPlatform('linux', 'amd64'), ...legacyPlatform }];
  const outline = markOutline({ ...rest, layers, platforms, output: output ?? defaultOutput() });
  const complete = contents.then((byKey) => ({
    ...outline,
    layers: outline.layers.map((layer) => withFilesMapped(layer, (files: LayerFiles) => mapEntries(files, (entry) => {
      const key = keyOf.get(entry);
      if (!key) return entry;
      const blob = byKey.get(key);
      if (!blob) throw new Error(`Saved file /${entry.path} lost its contents (key ${key}); start a new image or re-add it.`);
      blobKeys.set(blob, key);
      storedKeys.add(key);
      return { ...entry, content: blob };
    }))),
  }));
  return { outline, contentKeyOf: (entry) => keyOf.get(entry), complete };
}

async function restoreBase(): Promise<void> {
  const stored = await loadBaseArchive();
  if (stored) await reloadBase(stored.input, stored.fileName, { keep: false });
  else useComposer.getState().setBaseReading({ state: 'missing' });
}

/**
 * Restores the saved composition, then saves every change (debounced, one save at a time). The
 * outline shows first, without file contents; `onOutline` may work from it (the build runner finds
 * its stored layers) and resolves when the complete composition may take its place.
 */
export async function startPersistence({ onOutline }: { onOutline?: (saved: SavedComposition) => Promise<void> } = {}): Promise<() => void> {
  const store = useComposer.getState();
  let replacedMeanwhile = false;
  try {
    const saved = await loadSaved();
    if (saved) {
      withoutHistory(() => store.replaceComposition(saved.outline));
      // Working from the outline only saves time: if it fails, the restore goes on without it.
      const early = Promise.resolve().then(() => onOutline?.(saved)).catch(() => {});
      const [composition] = await Promise.all([saved.complete, early]);
      withoutHistory(() => useComposer.getState().fillContents(saved.outline, composition));
      const kept = useComposer.getState().composition === composition;
      if (kept && composition.platforms.some((p) => p.base)) void restoreBase();
      // A new image made while the contents were read back has not been saved yet.
      replacedMeanwhile = !kept;
    } else useComposer.setState({ restored: true });
    resetHistory();
  } catch (error) {
    // Files whose bytes are gone cannot be shown as if they were there: start afresh instead.
    const { restored, composition } = useComposer.getState();
    if (!restored || isOutline(composition)) store.replaceComposition(emptyComposition());
    else replacedMeanwhile = true; // a New image made while the contents were read back
    store.notify('error', `Could not restore the saved image: ${(error as Error).message}`);
  }
  let timer: ReturnType<typeof setTimeout> | undefined;
  let saving: Promise<void> = Promise.resolve();
  let timerPending = false;
  const scheduleSave = () => {
    const state = useComposer.getState();
    clearTimeout(timer);
    if (state.saveState !== 'pending') useComposer.setState({ saveState: 'pending' });
    timer = setTimeout(() => {
      saving = saving
        .then(() => save(useComposer.getState().composition))
        .then(() => {
          if (useComposer.getState().saveState === 'pending' && !timerPending) useComposer.setState({ saveState: 'saved' });
        })
        .catch((error: Error) => {
          if (error instanceof SaveConflict) return useComposer.setState({ saveState: 'conflict' });
          useComposer.setState({ saveState: 'failed' });
          useComposer.getState().notify('error', `Not saved in this browser: ${error.message}. Your work here is unchanged and downloads still work; download the image to keep it.`);
        });
      timerPending = false;
    }, SAVE_DELAY_MS);
    timerPending = true;
  };
  const unsubscribe = useComposer.subscribe((state, previous) => state.composition !== previous.composition && scheduleSave());
  if (replacedMeanwhile) scheduleSave();
  return () => {
    clearTimeout(timer);
    unsubscribe();
  };
}
