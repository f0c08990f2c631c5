// Decides whether a small file is text a person can edit: valid UTF-8 without NUL bytes.
// Used by the composer's inline editor; anything else is treated as binary and never shown.

export const MAX_EDITABLE_TEXT = 256 * 1024;

/** The text of `bytes`, or null when they are not NUL-free UTF-8. */
export function decodeEditableText(bytes: Uint8Array): string | null {
  if (bytes.includes(0)) return null;
  try {
    return new TextDecoder('utf-8', { fatal: true, ignoreBOM: true }).decode(bytes);
  } catch {
    return null;
  }
}

/** Reads a Blob of at most MAX_EDITABLE_TEXT bytes as editable text, or null. */
export async function readEditableText(blob: Blob): Promise<string | null> {
  if (blob.size > MAX_EDITABLE_TEXT) return null;
  return decodeEditableText(new Uint8Array(await blob.arrayBuffer()));
}
