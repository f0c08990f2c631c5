import { describe, expect, it } from 'vitest';
import { readFileSync } from 'node:fs';
import { modeFromFileStart, sniffMode } from './sniff-mode.ts';

describe('sniffMode', () => {
  it('makes ELF binaries and scripts executable', async () => {
    expect(modeFromFileStart(new Uint8Array([0x7f, 0x45, 0x4c, 0x46]))).toBe(0o755);
    expect(await sniffMode(new Blob(['#!/bin/sh\necho hi\n']))).toBe(0o755);
    expect(await sniffMode(new Blob(['hello']))).toBe(0o644);
    expect(await sniffMode(new Blob([]))).toBe(0o644);
    expect(modeFromFileStart(new Uint8Array([0x7f, 0x45, 0x4c]))).toBe(0o644);
  });
  it('recognises a real ELF file from the system', async () => {
    const start = readFileSync(process.execPath).subarray(0, 16);
    expect(await sniffMode(new Blob([start]))).toBe(0o755);
  });
});
