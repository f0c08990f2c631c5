// A problem found while reading untrusted input: what, where, and how bad. Collected rather than
// thrown wherever the rest of the input can still be shown.

export interface Problem {
  severity: 'error' | 'warning';
  /** What the problem is about: a file in the archive, a document, a blob or a layer. */
  where: string;
  message: string;
}

export type ProblemSink = Problem[];

export function error(problems: ProblemSink, where: string, message: string): void {
  problems.push({ severity: 'error', where, message });
}

export function warning(problems: ProblemSink, where: string, message: string): void {
  problems.push({ severity: 'warning', where, message });
}

/** `blobs/sha256/ab12cd34… (manifest)`: how errors name a document. */
export function documentName(path: string, role: string): string {
  const short = path.replace(/([0-9a-f]{12})[0-9a-f]{52}/, '$1…');
  return `${short} (${role})`;
}
