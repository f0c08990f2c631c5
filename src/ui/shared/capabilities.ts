// What this browser lacks that Layerpad would use, found by feature detection (never by the user
// agent), each with what it costs the person. Worker-side APIs are asked of a probe worker.
// A missing DecompressionStream('zstd') or CompressionStream costs nothing: zstd and gzip always
// go through the bundled fzstd and fflate, so they are not listed.

import { probeWorkers } from '../../worker/capability-probe.ts';

export interface Shortfall {
  id: 'module-workers' | 'disk-storage' | 'folder-picker' | 'offline';
  title: string;
  detail: string;
}

/** `<input webkitdirectory>` picks a folder; without it the same input would pick loose files. */
export const canPickFolders = 'webkitdirectory' in HTMLInputElement.prototype;

export async function findShortfalls(): Promise<Shortfall[]> {
  const found: Shortfall[] = [];
  const workers = await probeWorkers();
  if (!workers) {
    found.push({
      id: 'module-workers',
      title: 'Building and inspecting images do not work in this browser',
      detail:
        'Layerpad does all its work in module workers (Web Workers that load JavaScript modules), and this browser cannot start them. ' +
        'A current Firefox, Safari, Chrome or Edge can.',
    });
  } else if (!workers.syncAccessHandles) {
    found.push({
      id: 'disk-storage',
      title: 'Built layers are kept in memory',
      detail:
        'This browser gives workers no disk-backed storage (OPFS sync access handles), so the layers you build stay in memory. ' +
        'Images of more than a few hundred MB can slow this tab down or run out of memory; everything else works.',
    });
  }
  if (!canPickFolders) {
    found.push({
      id: 'folder-picker',
      title: 'Folders cannot be picked here',
      detail: 'This browser has no folder picker. Drop a folder onto the file tree or the inspector instead, or pick its files with “Add files”.',
    });
  }
  // Service workers need a secure context (https, or localhost) and are off in some private windows.
  if (!('serviceWorker' in navigator)) {
    found.push({
      id: 'offline',
      title: 'Layerpad cannot work offline here',
      detail: 'This browser offers this page no service worker (a private window, or a page not served over https), so it needs the network to load. While it is loaded everything works.',
    });
  }
  return found;
}
