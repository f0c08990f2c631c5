// Entrypoint / Cmd: accepts a JSON array (`["/bin/sh","-c"]`) or shell words (`/bin/sh -c 'echo hi'`)
// and always yields the exec-form array the config stores.

import type { Parsed } from './problems.ts';

export function parseCommand(text: string): Parsed<string[] | undefined> {
  const trimmed = text.trim();
  if (trimmed === '') return { value: undefined, problems: [] };
  if (trimmed.startsWith('[')) return parseJsonArray(trimmed);
  return splitShellWords(trimmed);
}

function parseJsonArray(text: string): Parsed<string[] | undefined> {
  let parsed: unknown;
  try {
    parsed = JSON.parse(text);
  } catch (error) {
    return fail(`not valid JSON: ${(error as Error).message}. Use ["prog","arg"] or plain words.`);
  }
  if (!Array.isArray(parsed)) return fail('a JSON value here must be an array of strings');
  const bad = parsed.findIndex((item) => typeof item !== 'string');
  if (bad >= 0) return fail(`item ${bad} of the array is not a string`);
  return { value: parsed as string[], problems: [] };
}

/** POSIX-like word splitting: single quotes literal, double quotes with \" \\ \$ \` escapes. */
function splitShellWords(text: string): Parsed<string[] | undefined> {
  const words: string[] = [];
  let word = '';
  let inWord = false;
  let i = 0;
  while (i < text.length) {
    const ch = text[i];
    if (/\s/.test(ch)) {
      if (inWord) words.push(word);
      word = '';
      inWord = false;
      i++;
    } else if (ch === "'") {
      const end = text.indexOf("'", i + 1);
      if (end < 0) return fail(`unclosed single quote at character ${i + 1}`);
      word += text.slice(i + 1, end);
      inWord = true;
      i = end + 1;
    } else if (ch === '"') {
      i++;
      inWord = true;
      let closed = false;
      while (i < text.length) {
        const c = text[i];
        if (c === '"') {
          closed = true;
          i++;
          break;
        }
        if (c === '\\' && i + 1 < text.length && '"\\$`'.includes(text[i + 1])) {
          word += text[i + 1];
          i += 2;
        } else {
          word += c;
          i++;
        }
      }
      if (!closed) return fail('unclosed double quote');
    } else if (ch === '\\') {
      if (i + 1 >= text.length) return fail('trailing backslash');
      word += text[i + 1];
      inWord = true;
      i += 2;
    } else {
      word += ch;
      inWord = true;
      i++;
    }
  }
  if (inWord) words.push(word);
  return { value: words, problems: [] };
}

function fail(message: string): Parsed<undefined> {
  return { value: undefined, problems: [{ severity: 'error', message }] };
}
