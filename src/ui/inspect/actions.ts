// What the inspector does, in order: open an archive (or pull an image's structure from a
// registry, see pull-actions.ts) in the worker, verify it right away (with progress and Cancel;
// for a pulled image this pulls its blobs), read the layers when a layer or filesystem view is
// first shown, preview and download single files. Each image that opens starts a new generation;
// late answers about an older one are dropped.

import type { Digest } from '../../core/digest.ts';
import type { FolderFile } from '../../core/formats/folder/read.ts';
import { analyseInWorker, downloadInWorker, imageTarInWorker, layerRowsInWorker, mergedTreeInWorker, efficiencyInWorker, openInWorker, previewInWorker, selectManifestInWorker, verifyInWorker, viewInWorker } from '../../worker/inspect-client.ts';
import type { FileRequest, FilesystemSummary, FilesystemView, ImageView, LayerRow } from '../../core/inspect/views.ts';
import { idleFs, idlePreview, idleVerify, useInspector, type InspectState } from './store.ts';
import { startFromBase } from '../compose/base-loader.ts';
import { useComposer } from '../compose/store/index.ts';
import type { TimedProgress } from '../shared/ProgressLine.tsx';
import { saveBlob } from '../shared/save-blob.ts';

const set = useInspector.setState;
const get = useInspector.getState;
/** The image on screen: bumped when another image (or platform) replaces it; older answers are dropped. */
let generation = 0;
let openAttempts = 0;
const controllers = { open: null as AbortController | null, verify: null as AbortController | null, fs: null as AbortController | null, preview: null as AbortController | null };

export const messageOf = (e: unknown) => (e instanceof Error ? e.message : String(e));
/** The reader's messages usually name the file already; say it once. */
const naming = (name: string, message: string) => (message.includes(name) ? message : `${name}: ${message}`);
export const isAbort = (e: unknown) => e instanceof Error && e.name === 'AbortError';

function restart(key: keyof typeof controllers): AbortController {
  controllers[key]?.abort(new DOMException('Replaced', 'AbortError'));
  return (controllers[key] = new AbortController());
}

function progressOf(previous: TimedProgress | null, done: number, total: number): TimedProgress {
  const now = performance.now();
  return { done, total, startedAt: previous?.startedAt ?? now, at: now };
}

/** Opens an archive; a bad file costs nothing but an error message. */
export async function openArchive(input: Blob | FolderFile[], name: string): Promise<void> {
  await openImage(name, { input, name }, (signal) => openInWorker(input, name, signal), (e) => set({ openError: naming(name, messageOf(e)) }));
}

/**
 * Opens an image with `open`; the image shown so far stays (and keeps verifying) until the new one
 * has opened. Resolves to the new view, or null when it failed (`onError` was told), was
 * cancelled or was overtaken by another open.
 */
export async function openImage(name: string, opened: NonNullable<InspectState['opened']>, open: (signal: AbortSignal) => Promise<ImageView>, onError: (e: unknown) => void): Promise<ImageView | null> {
  const attempt = ++openAttempts;
  const controller = restart('open');
  set({ opening: { name, startedAt: performance.now() }, openError: null });
  try {
    const view = await open(controller.signal);
    if (attempt !== openAttempts) return null;
    ++generation;
    for (const key of ['verify', 'fs', 'preview'] as const) controllers[key]?.abort();
    set({ opening: null, view, opened, editing: { status: 'idle', error: null }, choosingManifest: null, verify: idleVerify(), fs: idleFs(), preview: idlePreview(), tab: 'structure', selectedLayer: 0 });
    void verify();
    return view;
  } catch (e) {
    if (attempt !== openAttempts) return null;
    set({ opening: null });
    if (!isAbort(e)) onError(e);
    return null;
  }
}

export function cancelOpen(): void {
  controllers.open?.abort();
}

export async function selectManifest(digest: Digest): Promise<void> {
  const own = ++generation;
  for (const key of ['verify', 'fs', 'preview'] as const) controllers[key]?.abort();
  set({ choosingManifest: digest, verify: idleVerify(), fs: idleFs(), preview: idlePreview(), selectedLayer: 0 });
  try {
    const view = await selectManifestInWorker(digest);
    if (own !== generation) return;
    set({ view, choosingManifest: null });
    void verify();
    if (get().tab !== 'structure') void analyse();
  } catch (e) {
    if (own === generation) set({ choosingManifest: null, openError: messageOf(e) });
  }
}

export async function verify(): Promise<void> {
  const own = generation;
  const controller = restart('verify');
  // A cancelled run's late callbacks are dropped: the worker may only see the cancel message once
  // its current read yields to the event loop.
  const live = () => own === generation && controller === controllers.verify && !controller.signal.aborted;
  const patch = (p: Partial<InspectState['verify']>) => live() && set({ verify: { ...get().verify, ...p } });
  patch({ ...idleVerify(), status: 'running' });
  try {
    await verifyInWorker({
      onProgress: ({ done, total }) => patch({ progress: progressOf(get().verify.progress, done, total) }),
      onBlob: (result) => patch({ blobs: { ...get().verify.blobs, [result.digest]: result } }),
      onLayer: (result) => patch({ layers: { ...get().verify.layers, [result.index]: result } }),
    }, controller.signal);
    patch({ status: 'done' });
    // A pulled image becomes editable (and savable) once it has verified: the worker says so.
    if (get().view?.pulledFrom && live()) {
      const view = await viewInWorker();
      if (live()) set({ view });
    }
  } catch (e) {
    if (!isAbort(e)) patch({ status: 'failed', error: messageOf(e) });
  }
}

export function cancelVerify(): void {
  controllers.verify?.abort(new DOMException('Cancelled by the user', 'AbortError'));
  set({ verify: { ...get().verify, status: 'cancelled' } });
}

/** Reads every layer's listing and merges them, once per selected image. */
export async function analyse(): Promise<void> {
  const { fs } = get();
  if (fs.status === 'running' || fs.status === 'done' || !get().view) return;
  const own = generation;
  const controller = restart('fs');
  const patch = (p: Partial<InspectState['fs']>) => own === generation && controller === controllers.fs && !controller.signal.aborted && set({ fs: { ...get().fs, ...p } });
  patch({ ...idleFs(), status: 'running' });
  try {
    const summary = await analyseInWorker(({ done, total }) => patch({ progress: progressOf(get().fs.progress, done, total) }), controller.signal);
    // The layer lists need neither the merged tree nor dive's efficiency: they show now, and the
    // worker is asked for those only once the lists have been painted (and asked for their rows).
    patch({ status: 'done', view: { ...summary, tree: null, efficiency: null } });
    // A hidden tab runs no animation frames: then the timer alone says when.
    await new Promise<void>((painted) => {
      const timer = setTimeout(painted, 200);
      requestAnimationFrame(() => setTimeout(() => (clearTimeout(timer), painted())));
    });
    if (controller.signal.aborted) return;
    await mergedDetails(summary, controller.signal, patch);
  } catch (e) {
    if (!isAbort(e)) patch({ status: 'failed', error: messageOf(e) });
  }
}

/** The merged tree, then dive's efficiency; a failure of either is said where it would show, and the layer lists stay. */
async function mergedDetails(summary: FilesystemSummary, signal: AbortSignal, patch: (p: Partial<InspectState['fs']>) => void): Promise<void> {
  const add = async (part: () => Promise<Partial<FilesystemView>>) => {
    if (signal.aborted) return;
    try {
      const made = await part();
      patch({ view: { ...(get().fs.view ?? { ...summary, tree: null, efficiency: null }), ...made } });
    } catch (e) {
      if (!isAbort(e)) patch({ error: messageOf(e) });
    }
  };
  await add(async () => ({ tree: await mergedTreeInWorker(signal) }));
  await add(async () => ({ efficiency: await efficiencyInWorker() }));
}

export function cancelAnalyse(): void {
  controllers.fs?.abort(new DOMException('Cancelled by the user', 'AbortError'));
  set({ fs: { ...get().fs, status: 'cancelled' } });
}

/** A page of a layer's listing; undefined when another archive or image was chosen meanwhile. */
export async function loadLayerRows(layer: number, start: number, end: number): Promise<LayerRow[] | undefined> {
  const own = generation;
  const rows = await layerRowsInWorker(layer, start, end);
  return own === generation ? rows : undefined;
}

export async function previewFile(request: FileRequest): Promise<void> {
  const own = generation;
  const controller = restart('preview');
  set({ preview: { request, status: 'running', data: null, error: null } });
  try {
    const data = await previewInWorker(request, controller.signal);
    if (own === generation && controller === controllers.preview) set({ preview: { request, status: 'done', data, error: null } });
  } catch (e) {
    if (own === generation && controller === controllers.preview && !isAbort(e)) set({ preview: { request, status: 'failed', data: null, error: messageOf(e) } });
  }
}

export const closePreview = () => {
  controllers.preview?.abort();
  set({ preview: idlePreview() });
};

/** Saves one file from the image through a temporary object URL. */
export async function downloadFile(request: FileRequest): Promise<void> {
  try {
    const { blob, name } = await downloadInWorker(request);
    saveBlob(blob, name);
  } catch (e) {
    set({ preview: { ...get().preview, error: `Download failed: ${messageOf(e)}` } });
  }
}

/**
 * Hands the image on screen (every platform of a multi-platform one) to the composer as the base
 * of an edit, then shows the composer. The composer reads the archive again in its own worker, verifying it.
 */
export async function editThisImage(): Promise<void> {
  const { opened, view } = get();
  if (!opened || !view?.selected) return;
  const entries = useComposer.getState().composition.layers.reduce((n, l) => n + Object.keys(l.entries).length, 0);
  if (entries > 0 && !confirm(`This replaces the image in the composer (${entries} entries). Download it first to keep it. Go on?`)) return;
  set({ editing: { status: 'running', error: null } });
  try {
    // Every platform of a multi-platform image is edited; otherwise the image on screen.
    const platforms = view.manifests.filter((m) => m.platform && !m.nestedIndex && !m.attestation).length;
    // A pulled image reaches the composer as the image tar of its verified blobs.
    const base = opened.input ? { input: opened.input, name: opened.name } : await imageTarInWorker().then(({ blob, name }) => ({ input: blob, name }));
    await startFromBase(base.input, base.name, platforms > 1 ? undefined : view.selected);
    set({ editing: { status: 'idle', error: null } });
    location.hash = '#compose';
  } catch (e) {
    set({ editing: { status: isAbort(e) ? 'cancelled' : 'failed', error: isAbort(e) ? null : messageOf(e) } });
  }
}
