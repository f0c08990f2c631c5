// A problem found while reading untrusted input: what, where, and how bad. Collected rather than
// thrown wherever the rest of the input can still be shown. A sink holds at most MAX_PROBLEMS
// through error()/warning(); past that one last entry counts the rest ("and N more"), so a
// document of a million bad descriptors costs a counter, not a million messages.

export interface Problem {
  severity: 'error' | 'warning';
  /** What the problem is about: a file in the archive, a document, a blob or a layer. */
  where: string;
  message: string;
}

export type ProblemSink = Problem[];

export const MAX_PROBLEMS = 1000;

/** The "and N more" entry of each sink that overflowed, with how many it stands for. */
const overflow = new WeakMap<ProblemSink, { problem: Problem; count: number }>();

function add(problems: ProblemSink, problem: Problem): void {
  const more = overflow.get(problems);
  if (!more && problems.length < MAX_PROBLEMS) {
    problems.push(problem);
    return;
  }
  const entry = more ?? { problem: { severity: 'warning', where: 'problems', message: '' }, count: 0 };
  if (!more) {
    overflow.set(problems, entry);
    problems.push(entry.problem);
  }
  entry.count++;
  if (problem.severity === 'error') entry.problem.severity = 'error';
  entry.problem.message = `and ${entry.count} more like the ones above (not listed)`;
}

export function error(problems: ProblemSink, where: string, message: string): void {
  add(problems, { severity: 'error', where, message });
}

export function warning(problems: ProblemSink, where: string, message: string): void {
  add(problems, { severity: 'warning', where, message });
}

/** `blobs/sha256/ab12cd34… (manifest)`: how errors name a document. */
export function documentName(path: string, role: string): string {
  const short = path.replace(/([0-9a-f]{12})[0-9a-f]{52}/, '$1…');
  return `${short} (${role})`;
}
