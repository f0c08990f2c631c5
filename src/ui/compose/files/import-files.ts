// Turns files from pickers and drops into FsEntry additions at a target folder: keeps the dropped
// folder structure, asks the worker for default modes (ELF / #! -> 0755), and refuses names that
// would collide with a folder or escape the image.

import type { FsEntry } from '../../../core/fs/entry.ts';
import type { DropItem } from 'react-aria-components';
import type { FileStart } from '../../../core/fs/file-start.ts';
import { sniffFileStartsInWorker } from '../../../worker/client.ts';
import { rememberArchitectures } from '../config/elf-architectures.ts';
import { cooperativeYield } from '../../../core/event-loop.ts';
import { joinPath, nameProblem, normaliseRelative, parentOf } from '../model/paths.ts';
import { visibleAt } from '../model/stack.ts';
import { useComposer } from '../store/index.ts';
import { selectView } from '../store/selectors.ts';

export interface IncomingFile {
  /** Path relative to the target folder, e.g. `bin/busybox`. */
  relativePath: string;
  file: File;
}

/** Files from an `<input type=file>`; a folder picker fills webkitRelativePath. */
export function fromFileList(list: FileList): IncomingFile[] {
  return [...list].map((file) => ({ relativePath: file.webkitRelativePath || file.name, file }));
}

/** Walks dropped files and folders (react-aria reads folders via webkitGetAsEntry). */
export async function fromDropItems(items: DropItem[]): Promise<{ files: IncomingFile[]; dirs: string[] }> {
  const files: IncomingFile[] = [];
  const dirs: string[] = [];
  const walk = async (item: DropItem, prefix: string): Promise<void> => {
    if (item.kind === 'file') files.push({ relativePath: joinPath(prefix, item.name), file: await item.getFile() });
    else if (item.kind === 'directory') {
      const path = joinPath(prefix, item.name);
      dirs.push(path);
      for await (const child of item.getEntries()) await walk(child, path);
    }
  };
  for (const item of items) await walk(item, '');
  return { files, dirs };
}

export async function importInto(targetDir: string, files: IncomingFile[], extraDirs: string[] = []): Promise<void> {
  const store = useComposer.getState();
  // The layer and platform in view when the person picked the files: where they go, however long
  // reading them takes and whatever is active by then.
  const target = { layer: store.activeLayer, platform: store.activePlatform };
  const view = selectView(store);
  const existing = (path: string) => visibleAt(view, path)?.entry;
  const entries: FsEntry[] = [];
  const dirs = new Set<string>();
  const problems: string[] = [];
  const addDirChain = (relative: string) => {
    for (let dir = relative; dir !== ''; dir = parentOf(dir)) dirs.add(joinPath(targetDir, dir));
  };
  const accepted: { path: string; file: File }[] = [];
  // Thousands of files: checked in slices, so the page keeps answering (event-loop.ts).
  const pause = cooperativeYield();
  for (const { relativePath, file } of files) {
    await pause();
    const relative = normaliseRelative(relativePath);
    const bad = relative === null || relative === '' ? 'is not a usable path' : relative.split('/').map((part) => nameProblem(part, [])).find(Boolean);
    if (relative === null || bad) {
      problems.push(`"${relativePath}" ${bad ?? 'is not a usable path'}`);
      continue;
    }
    const path = joinPath(targetDir, relative);
    if (existing(path)?.type === 'dir') {
      problems.push(`/${path} is a folder; a file cannot replace it`);
      continue;
    }
    addDirChain(parentOf(relative));
    accepted.push({ path, file });
  }
  for (const dir of extraDirs) {
    const relative = normaliseRelative(dir);
    if (relative) addDirChain(relative);
  }
  const startedAt = performance.now();
  const importing = (done: number) => useComposer.setState({ importing: { files: accepted.length, done, startedAt, at: performance.now() } });
  importing(0);
  let starts: FileStart[];
  try {
    starts = await sniffFileStartsInWorker(accepted.map((a) => a.file), importing);
  } finally {
    useComposer.setState({ importing: null });
  }
  rememberArchitectures(accepted.map((a) => a.file), starts.map((start) => start.architecture));
  for (const dir of dirs) {
    const there = existing(dir);
    if (there && there.type !== 'dir') problems.push(`/${dir} exists and is not a folder`);
    else if (!there) entries.push({ path: dir, type: 'dir', mode: 0o755, uid: 0, gid: 0, size: 0 });
  }
  accepted.forEach(({ path, file }, i) => {
    entries.push({ path, type: 'file', mode: starts[i].mode, uid: 0, gid: 0, size: file.size, content: file });
  });
  if (entries.length) store.addEntries(entries, target);
  if (problems.length) store.notify('error', `Not added: ${problems.join('; ')}.`);
  else if (accepted.length) store.notify('info', `Added ${accepted.length} file${accepted.length === 1 ? '' : 's'} to /${targetDir}.`);
}
