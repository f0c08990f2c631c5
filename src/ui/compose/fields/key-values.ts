// Labels and manifest annotations: `key=value` per line; values may contain `=`.

import { meaningfulLines, type FieldProblem, type Parsed } from './problems.ts';

export function parseKeyValues(text: string): Parsed<Record<string, string>> {
  const problems: FieldProblem[] = [];
  const value: Record<string, string> = {};
  for (const { line, text: raw } of meaningfulLines(text)) {
    const eq = raw.indexOf('=');
    if (eq <= 0) {
      problems.push({ line, severity: 'error', message: eq === 0 ? 'the key before "=" is empty' : `"${raw}" has no "=": write key=value` });
      continue;
    }
    const key = raw.slice(0, eq).trim();
    if (/\s/.test(key)) {
      problems.push({ line, severity: 'error', message: `key "${key}" contains whitespace` });
      continue;
    }
    if (key in value) problems.push({ line, severity: 'warning', message: `${key} is set again; this line wins` });
    value[key] = raw.slice(eq + 1).trim();
  }
  return { value, problems };
}
