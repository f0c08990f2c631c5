// Files from other projects' test suites, kept beside the project in ../shared/peer-corpora (see
// its SOURCES.md) and read in place, never copied in. Absent locally: the test skips with a note;
// absent under CI=true: the run fails, so CI never passes without them.

import { existsSync } from 'node:fs';
import { fileURLToPath } from 'node:url';

/** The absolute path of `relative` inside the peer corpora, or undefined (with a note) when absent. */
export function peerCorpusFile(relative: string): string | undefined {
  const path = fileURLToPath(new URL(`../../../shared/peer-corpora/${relative}`, import.meta.url));
  if (existsSync(path)) return path;
  if (process.env.CI === 'true') throw new Error(`${path} is required under CI=true (../shared/peer-corpora/${relative})`);
  console.warn(`note: ${path} is absent; the tests that read it are skipped`);
  return undefined;
}
