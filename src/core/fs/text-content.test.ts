import { describe, expect, it } from 'vitest';
import { decodeEditableText, MAX_EDITABLE_TEXT, readEditableText } from './text-content.ts';

describe('editable text', () => {
  it('accepts UTF-8 text, keeping a BOM and line endings as they are', async () => {
    expect(await readEditableText(new Blob(['héllo\r\nwörld\n']))).toBe('héllo\r\nwörld\n');
    expect(decodeEditableText(new Uint8Array([0xef, 0xbb, 0xbf, 0x61]))).toBe('\ufeffa');
    expect(await readEditableText(new Blob([]))).toBe('');
  });
  it('refuses binary: NUL bytes, invalid UTF-8, and files too large to edit', async () => {
    expect(decodeEditableText(new Uint8Array([0x7f, 0x45, 0x4c, 0x46, 0x02, 0x01, 0x01, 0x00]))).toBeNull();
    expect(decodeEditableText(new Uint8Array([0x61, 0xff, 0x62]))).toBeNull();
    expect(await readEditableText(new Blob(['a'.repeat(MAX_EDITABLE_TEXT + 1)]))).toBeNull();
  });
});
