import { describe, expect, it } from 'vitest';
import { readFileSync } from 'node:fs';
import { modeFromFileStart, sniffFileStart, sniffFileStarts } from './file-start.ts';

const sniffMode = async (blob: Blob) => (await sniffFileStart(blob)).mode;

describe('sniffMode', () => {
  it('makes ELF binaries and scripts executable', async () => {
    expect(modeFromFileStart(new Uint8Array([0x7f, 0x45, 0x4c, 0x46]))).toBe(0o755);
    expect(await sniffMode(new Blob(['#!/bin/sh\necho hi\n']))).toBe(0o755);
    expect(await sniffMode(new Blob(['hello']))).toBe(0o644);
    expect(await sniffMode(new Blob([]))).toBe(0o644);
    expect(modeFromFileStart(new Uint8Array([0x7f, 0x45, 0x4c]))).toBe(0o644);
  });
  it('recognises a real ELF file from the system, and its architecture in the same read', async () => {
    const start = readFileSync(process.execPath).subarray(0, 64);
    const arch = ({ x64: 'amd64', arm64: 'arm64' } as Record<string, string>)[process.arch];
    expect(await sniffFileStart(new Blob([start]))).toEqual({ mode: 0o755, architecture: arch ?? expect.any(String) });
    expect(await sniffFileStart(new Blob(['#!/bin/sh\n']))).toEqual({ mode: 0o755, architecture: null });
  });
  it('reads an ELF header that arrives a byte at a time, and stops reading after it', async () => {
    const header = readFileSync(process.execPath).subarray(0, 64);
    let pulled = 0;
    let cancelled = false;
    const stream = new ReadableStream<Uint8Array>({
      pull(controller) {
        controller.enqueue(header.subarray(pulled, pulled + 1));
        pulled++;
      },
      cancel: () => void (cancelled = true),
    }, { highWaterMark: 0 });
    const trickle = { stream: () => stream } as unknown as Blob;
    expect(await sniffFileStart(trickle)).toEqual(await sniffFileStart(new Blob([header])));
    expect(pulled).toBe(20);
    expect(cancelled).toBe(true);
  });

  it('sniffs many files in order with at most `inFlight` streams open', async () => {
    let open = 0;
    let most = 0;
    const slowBlob = (text: string) => ({
      stream: () => {
        open++;
        most = Math.max(most, open);
        const bytes = new TextEncoder().encode(text);
        return new ReadableStream<Uint8Array>({
          async pull(controller) {
            await new Promise((resolve) => setTimeout(resolve, 2));
            controller.enqueue(bytes);
            controller.close();
            open--;
          },
        });
      },
    }) as unknown as Blob;
    const texts = Array.from({ length: 30 }, (_, i) => (i % 3 === 0 ? '#!/bin/sh\n' : `file ${i}`));
    const starts = await sniffFileStarts(texts.map(slowBlob), 4);
    expect(starts.map((s) => s.mode)).toEqual(texts.map((t) => (t.startsWith('#!') ? 0o755 : 0o644)));
    expect(most).toBe(4);
  });
});
