// The inspector's state: the opened image's view, verification as it streams in, the layer
// listings once read, the chosen tab/layer and the file being previewed. Only plain data from the
// worker lands here; actions.ts is the only writer besides simple UI choices.

import { create } from 'zustand';
import type { ArchiveInput } from '../../core/formats/open.ts';
import type { TimedProgress } from '../shared/ProgressLine.tsx';
import type { BlobVerification, FilePreview, FileRequest, FilesystemView, ImageView, LayerVerification } from '../../core/inspect/views.ts';

export type JobStatus = 'idle' | 'running' | 'done' | 'cancelled' | 'failed';

export type InspectTab = 'structure' | 'layers' | 'filesystem';

export interface InspectState {
  opening: { name: string; startedAt: number } | null;
  openError: string | null;
  view: ImageView | null;
  /** The archive (or folder) on screen, as the person gave it: what "Edit this image" reads again; no input for a pulled image. */
  opened: { input?: ArchiveInput; name: string } | null;
  /** "Edit this image": the base being read for the composer, or why it could not be. */
  editing: { status: JobStatus; error: string | null };
  /** The platform manifest the user just picked, shown as chosen while the worker loads it. */
  choosingManifest: string | null;
  verify: {
    status: JobStatus;
    progress: TimedProgress | null;
    blobs: Record<string, BlobVerification>;
    layers: Record<number, LayerVerification>;
    error: string | null;
  };
  fs: { status: JobStatus; progress: TimedProgress | null; view: FilesystemView | null; error: string | null };
  tab: InspectTab;
  selectedLayer: number;
  preview: { request: FileRequest | null; status: JobStatus; data: FilePreview | null; error: string | null };
  setTab(tab: InspectTab): void;
  selectLayer(layer: number): void;
}

export const idleVerify = (): InspectState['verify'] => ({ status: 'idle', progress: null, blobs: {}, layers: {}, error: null });
export const idleFs = (): InspectState['fs'] => ({ status: 'idle', progress: null, view: null, error: null });
export const idlePreview = (): InspectState['preview'] => ({ request: null, status: 'idle', data: null, error: null });

export const useInspector = create<InspectState>()((set) => ({
  opening: null,
  openError: null,
  view: null,
  opened: null,
  editing: { status: 'idle', error: null },
  choosingManifest: null,
  verify: idleVerify(),
  fs: idleFs(),
  tab: 'structure',
  selectedLayer: 0,
  preview: idlePreview(),
  setTab: (tab) => set({ tab }),
  selectLayer: (selectedLayer) => set({ selectedLayer }),
}));
