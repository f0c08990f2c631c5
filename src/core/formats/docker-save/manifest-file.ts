// Docker's `manifest.json` at the top of a `docker save` archive (legacy and Docker 25+ alike):
// read and parsed when present, with problems recorded; absent is not a problem by itself.

import type { DockerManifestEntry } from '../../oci/parse-docker.ts';
import { parseDockerManifest } from '../../oci/parse-docker.ts';
import { openReported, type ArchiveFiles } from '../archive.ts';
import type { InspectedDocument } from '../reading.ts';
import { loadJson, stripName } from '../load-json.ts';
import { error, type ProblemSink } from '../../problem.ts';

export async function readDockerManifestFile(
  files: ArchiveFiles,
  problems: ProblemSink,
): Promise<InspectedDocument<DockerManifestEntry[]> | undefined> {
  const opened = await openReported(files, 'manifest.json', problems);
  if (!opened) return undefined;
  const doc = await loadJson(opened.blob, 'manifest.json', 'docker manifest', undefined, problems);
  if (!doc) return undefined;
  try {
    const parsed = parseDockerManifest(doc.value, doc.name, problems);
    return { path: doc.path, text: doc.text, bytes: doc.bytes, digest: doc.digest, parsed };
  } catch (e) {
    error(problems, doc.name, stripName((e as Error).message, doc.name));
    return undefined;
  }
}
