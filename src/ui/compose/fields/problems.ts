// The result shape of every config field parser: the value to build with plus what is wrong.

export interface FieldProblem {
  /** 1-based line in a multi-line field, absent for single-line fields. */
  line?: number;
  severity: 'error' | 'warning';
  message: string;
}

export interface Parsed<T> {
  value: T;
  problems: FieldProblem[];
}

export function hasErrors(problems: readonly FieldProblem[]): boolean {
  return problems.some((p) => p.severity === 'error');
}

/** Splits a textarea into numbered, trimmed, non-empty, non-comment lines. */
export function meaningfulLines(text: string): { line: number; text: string }[] {
  return text
    .split(/\r?\n/)
    .map((raw, index) => ({ line: index + 1, text: raw.trim() }))
    .filter((l) => l.text !== '' && !l.text.startsWith('#'));
}
