// Environment: `KEY=value` per line. Pasting a .env file works: `export ` prefixes, comments and
// quoted values are understood. Later duplicates win, with a warning.

import { meaningfulLines, type FieldProblem, type Parsed } from './problems.ts';

const KEY = /^[A-Za-z_][A-Za-z0-9_.-]*$/;

export function parseEnv(text: string): Parsed<string[]> {
  const problems: FieldProblem[] = [];
  const values = new Map<string, string>();
  for (const { line, text: raw } of meaningfulLines(text)) {
    const body = raw.replace(/^export\s+/, '');
    const eq = body.indexOf('=');
    if (eq < 0) {
      problems.push({ line, severity: 'error', message: `"${body}" has no "=": write KEY=value` });
      continue;
    }
    const key = body.slice(0, eq).trim();
    if (!KEY.test(key)) {
      problems.push({ line, severity: 'error', message: `"${key}" is not a variable name (letters, digits, _ ; not starting with a digit)` });
      continue;
    }
    const value = unquote(body.slice(eq + 1).trim());
    if (value === null) {
      problems.push({ line, severity: 'error', message: `the value of ${key} has an unclosed quote` });
      continue;
    }
    if (values.has(key)) problems.push({ line, severity: 'warning', message: `${key} is set again; this line wins` });
    values.set(key, value);
  }
  return { value: [...values].map(([k, v]) => `${k}=${v}`), problems };
}

function unquote(value: string): string | null {
  const quote = value[0];
  if (quote !== '"' && quote !== "'") return value.replace(/\s+#.*$/, '');
  const end = value.indexOf(quote, 1);
  if (end < 0) return null;
  const inner = value.slice(1, end);
  return quote === '"' ? inner.replace(/\\n/g, '\n').replace(/\\(["\\])/g, '$1') : inner;
}
