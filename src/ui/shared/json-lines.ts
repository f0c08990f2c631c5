// A parsed JSON value as the lines of its pretty-printed text (two-space indent, as
// JSON.stringify(value, null, 2) prints it), each key with its path, made without recursion so a
// deeply nested document cannot exhaust the stack.

export type JsonToken =
  | { kind: 'string' | 'literal'; text: string; value?: string }
  | { kind: 'open' | 'close'; text: string };

export interface JsonLine {
  depth: number;
  /** The key before the value, with its path (`[]` for array items; `…` first when very deep). */
  key?: { name: string; path: string[] };
  token: JsonToken;
  comma: boolean;
}

/** Keys deeper than this carry only their own name as path: no meaning is looked up that deep,
 *  and copying long paths would make a deep document quadratic. */
const MAX_PATH_DEPTH = 8;

type Frame = { kind: 'value'; value: unknown; depth: number; key?: JsonLine['key']; path: string[]; comma: boolean } | { kind: 'close'; text: string; depth: number; comma: boolean };

export function jsonLines(root: unknown): JsonLine[] {
  const lines: JsonLine[] = [];
  const stack: Frame[] = [{ kind: 'value', value: root, depth: 0, path: [], comma: false }];
  while (stack.length > 0) {
    const frame = stack.pop()!;
    if (frame.kind === 'close') {
      lines.push({ depth: frame.depth, token: { kind: 'close', text: frame.text }, comma: frame.comma });
      continue;
    }
    const { value, depth, key, path, comma } = frame;
    const base = { depth, ...(key ? { key } : {}) };
    if (Array.isArray(value) || (value && typeof value === 'object')) {
      const entries: [string | null, unknown][] = Array.isArray(value) ? value.map((v) => [null, v]) : Object.entries(value as Record<string, unknown>);
      const [open, close] = Array.isArray(value) ? ['[', ']'] : ['{', '}'];
      if (entries.length === 0) {
        lines.push({ ...base, token: { kind: 'open', text: open + close }, comma });
        continue;
      }
      lines.push({ ...base, token: { kind: 'open', text: open }, comma: false });
      stack.push({ kind: 'close', text: close, depth, comma });
      for (let i = entries.length - 1; i >= 0; i--) {
        const [name, item] = entries[i];
        const itemPath = depth < MAX_PATH_DEPTH ? [...path, name ?? '[]'] : ['…', name ?? '[]'];
        stack.push({ kind: 'value', value: item, depth: depth + 1, path: itemPath, comma: i < entries.length - 1, ...(name !== null ? { key: { name, path: itemPath } } : {}) });
      }
      continue;
    }
    const token: JsonToken = typeof value === 'string' ? { kind: 'string', text: JSON.stringify(value), value } : { kind: 'literal', text: JSON.stringify(value) ?? String(value) };
    lines.push({ ...base, token, comma });
  }
  return lines;
}
