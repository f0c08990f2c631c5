// Reading an untrusted JSON document: refuse oversized input before reading a byte, decode UTF-8
// strictly, parse, then reject duplicate keys (JSON.parse silently keeps the last one, and two
// parsers disagreeing about which one wins is how a config hides a field from a verifier).

export const MAX_DOCUMENT_BYTES = 4 * 1024 * 1024;
const MAX_NESTING = 128;

export class DocumentError extends Error {
  override name = 'DocumentError';
}

/** Reads a document's bytes; `name` says which document in every error. */
export async function readDocumentBytes(
  blob: Blob,
  name: string,
  maxBytes = MAX_DOCUMENT_BYTES,
): Promise<Uint8Array> {
  if (blob.size > maxBytes) {
    throw new DocumentError(
      `${name}: ${blob.size} bytes is larger than the ${maxBytes}-byte limit for JSON documents; not parsed`,
    );
  }
  return new Uint8Array(await blob.arrayBuffer());
}

/** Strict UTF-8 decode + JSON.parse + duplicate-key check. Returns the value and the text. */
export function decodeJsonDocument(bytes: Uint8Array, name: string): { value: unknown; text: string } {
  let text: string;
  try {
    text = new TextDecoder('utf-8', { fatal: true, ignoreBOM: true }).decode(bytes);
  } catch {
    throw new DocumentError(`${name}: not valid UTF-8 (at byte ${firstInvalidUtf8(bytes)})`);
  }
  if (text.charCodeAt(0) === 0xfeff) throw new DocumentError(`${name}: starts with a byte-order mark, which JSON forbids`);
  let value: unknown;
  try {
    value = JSON.parse(text);
  } catch (error) {
    throw new DocumentError(`${name}: invalid JSON: ${(error as Error).message}`);
  }
  const duplicate = findDuplicateKey(text);
  if (duplicate) throw new DocumentError(`${name}: ${duplicate}`);
  return { value, text };
}

/**
 * Scans syntactically valid JSON for an object with the same key twice (keys compared after
 * unescaping, so `"a"` and `"\u0061"` collide) and for nesting deeper than MAX_NESTING.
 * Iterative; returns a message or null.
 */
export function findDuplicateKey(text: string): string | null {
  const stack: { keys: Set<string> | null; expectKey: boolean }[] = [];
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    if (c === 0x22 /* " */) {
      const end = endOfString(text, i);
      const top = stack[stack.length - 1];
      if (top?.keys && top.expectKey) {
        const key = JSON.parse(text.slice(i, end + 1)) as string;
        if (top.keys.has(key)) return `duplicate key ${JSON.stringify(key.slice(0, 100))} at character ${i}`;
        top.keys.add(key);
        top.expectKey = false;
      }
      i = end;
    } else if (c === 0x7b /* { */ || c === 0x5b /* [ */) {
      if (stack.length >= MAX_NESTING) return `nested deeper than ${MAX_NESTING} levels at character ${i}`;
      stack.push({ keys: c === 0x7b ? new Set() : null, expectKey: c === 0x7b });
    } else if (c === 0x7d /* } */ || c === 0x5d /* ] */) {
      stack.pop();
    } else if (c === 0x2c /* , */) {
      const top = stack[stack.length - 1];
      if (top?.keys) top.expectKey = true;
    }
  }
  return null;
}

function endOfString(text: string, start: number): number {
  for (let i = start + 1; i < text.length; i++) {
    const c = text.charCodeAt(i);
    if (c === 0x5c /* \ */) i++;
    else if (c === 0x22) return i;
  }
  return text.length - 1;
}

/** Offset of the first byte that makes the input invalid UTF-8 (for the error message). */
function firstInvalidUtf8(bytes: Uint8Array): number {
  // In streaming mode a prefix that merely stops mid-sequence is fine, so "prefix throws" is
  // monotonic in its length and a binary search finds the first bad byte.
  let lo = 1;
  let hi = bytes.length;
  while (lo < hi) {
    const mid = (lo + hi) >> 1;
    try {
      new TextDecoder('utf-8', { fatal: true }).decode(bytes.subarray(0, mid), { stream: true });
      lo = mid + 1;
    } catch {
      hi = mid;
    }
  }
  return lo - 1;
}
