// What a file's bytes are for a preview: an image the browser can show, UTF-8 text, or binary
// (shown as hex). Decided here in the worker from the bytes, never from the name alone.

import type { PreviewContent } from './views.ts';

/** Text beyond this is cut off in the preview (the download has it all). */
export const MAX_PREVIEW_TEXT = 512 * 1024;
/** Hex rows beyond this many bytes are not sent to the UI. */
export const MAX_PREVIEW_HEX = 1024 * 1024;

const startsWith = (bytes: Uint8Array, ...sig: number[]) => sig.every((b, i) => bytes[i] === b);

export function imageMime(bytes: Uint8Array): string | undefined {
  if (startsWith(bytes, 0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a)) return 'image/png';
  if (startsWith(bytes, 0xff, 0xd8, 0xff)) return 'image/jpeg';
  if (startsWith(bytes, 0x47, 0x49, 0x46, 0x38)) return 'image/gif';
  if (startsWith(bytes, 0x52, 0x49, 0x46, 0x46) && startsWith(bytes.subarray(8), 0x57, 0x45, 0x42, 0x50)) return 'image/webp';
  if (startsWith(bytes, 0x42, 0x4d) && bytes.length > 26) return 'image/bmp';
  if (startsWith(bytes, 0, 0, 1, 0) && bytes.length > 22) return 'image/x-icon';
  return undefined;
}

const utf8 = new TextDecoder('utf-8', { fatal: true });

/** UTF-8 without NUL bytes; a sample cut from a longer file may end inside a character. */
function asText(bytes: Uint8Array): string | undefined {
  const sample = bytes.subarray(0, MAX_PREVIEW_TEXT);
  if (sample.includes(0)) return undefined;
  const maxCut = sample.length < bytes.length ? 3 : 0;
  for (let cut = 0; cut <= maxCut; cut++) {
    try {
      return utf8.decode(sample.subarray(0, sample.length - cut));
    } catch {
      // try a shorter sample
    }
  }
  return undefined;
}

export function previewContent(bytes: Uint8Array): PreviewContent {
  const mime = imageMime(bytes);
  if (mime) return { kind: 'image', blob: new Blob([bytes as Uint8Array<ArrayBuffer>], { type: mime }), mime };
  const text = asText(bytes);
  if (text !== undefined) {
    if (/^\s*(<\?xml[^>]*>\s*)?<svg[\s>]/.test(text.slice(0, 512)) && bytes.length <= MAX_PREVIEW_TEXT) {
      return { kind: 'image', blob: new Blob([bytes as Uint8Array<ArrayBuffer>], { type: 'image/svg+xml' }), mime: 'image/svg+xml' };
    }
    return { kind: 'text', text, truncated: bytes.length > MAX_PREVIEW_TEXT };
  }
  return { kind: 'binary', bytes: bytes.slice(0, MAX_PREVIEW_HEX), truncated: bytes.length > MAX_PREVIEW_HEX };
}
