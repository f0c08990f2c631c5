// The inspector's entry point: recognise the container by content (tar, zip, or a dropped
// folder), index it once, then read it as an OCI layout (incl. Docker 25+ docker save) or a
// legacy docker save. `inspect` can be called again to select another manifest without
// re-indexing the archive.

import { detectArchive } from './detect.ts';
import type { ArchiveFiles } from './archive.ts';
import { openTarArchive } from './tar-archive/read.ts';
import { openZipArchive } from './zip/read.ts';
import { openFolder, type FolderFile } from './folder/read.ts';
import { readOciLayout, type ReadOptions } from './oci-layout/read.ts';
import { readDockerSave } from './docker-save/read.ts';
import type { InspectedImage } from './reading.ts';
import { imageOfReading } from './image-of-reading.ts';
import { warning } from '../problem.ts';

export interface ImageArchive {
  files: ArchiveFiles;
  inspect(opts?: ReadOptions): Promise<InspectedImage>;
}

export type ArchiveInput = Blob | readonly FolderFile[];

/** Throws ArchiveError when the input is not an archive at all (with what it is instead). */
export async function openImageArchive(input: ArchiveInput, opts: { name?: string; signal?: AbortSignal } = {}): Promise<ImageArchive> {
  let files: ArchiveFiles;
  if (input instanceof Blob) {
    const kind = await detectArchive(input, opts.name);
    files = kind === 'zip' ? await openZipArchive(input) : await openTarArchive(input, opts.signal);
  } else files = openFolder(input);
  return { files, inspect: (readOpts) => readImage(files, readOpts) };
}

export async function inspectArchive(input: ArchiveInput, opts: ReadOptions & { name?: string; signal?: AbortSignal } = {}): Promise<InspectedImage> {
  return (await openImageArchive(input, opts)).inspect(opts);
}

async function readImage(files: ArchiveFiles, opts?: ReadOptions): Promise<InspectedImage> {
  const reading = await readContainer(files, opts);
  reading.model = await imageOfReading(reading);
  return reading;
}

async function readContainer(files: ArchiveFiles, opts?: ReadOptions): Promise<InspectedImage> {
  const names = new Set(files.names());
  if (names.has('index.json')) {
    const layout = await readOciLayout(files, opts);
    if (layout.manifests.length > 0 || !names.has('manifest.json')) return layout;
    // Docker 25+ writes `"manifests": null` for some images; its manifest.json still lists them.
    const saved = await readDockerSave(files, opts);
    saved.problems.unshift({ severity: 'warning', where: 'index.json', message: 'lists no manifests; the image was read through manifest.json instead' });
    return saved;
  }
  if (names.has('manifest.json')) {
    const image = await readDockerSave(files, opts);
    if (names.has('oci-layout')) warning(image.problems, 'index.json', 'is missing although oci-layout is present; read through manifest.json instead');
    return image;
  }
  const image = await readOciLayout(files, opts);
  const listing = [...names].slice(0, 5).join(', ') || 'nothing';
  const cut = files.problems.some((p) => p.severity === 'error' && p.where === 'archive');
  const missing = {
    severity: 'error' as const,
    where: 'archive',
    message: cut
      ? `has neither index.json nor manifest.json in the part that could be read (it holds ${listing}${names.size > 5 ? ', …' : ''}); docker save writes manifest.json last, so a cut archive loses it first`
      : `has neither index.json (OCI layout) nor manifest.json (docker save) at its top level; it holds ${listing}${names.size > 5 ? ', …' : ''}`,
  };
  // The cause (where the archive ends) leads; what is missing because of it follows.
  const causes = image.problems.filter((p) => p.where === 'archive' && p.severity === 'error');
  image.problems = [...causes, missing, ...image.problems.filter((p) => !causes.includes(p))];
  // Docker writes <id>/layer.tar and <id>/json, skopeo <digest>.tar; OCI layouts keep blobs/sha256/.
  const oci = [...names].some((n) => n.startsWith('blobs/sha256/'));
  const legacy = [...names].some((n) => /^[0-9a-f]{64}(\/layer\.tar|\/json|\.json|\.tar)$/.test(n));
  if (legacy && !oci) image.format = 'docker-save-legacy';
  image.formatGuessed = true;
  return image;
}
