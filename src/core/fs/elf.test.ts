import { describe, expect, it } from 'vitest';
import { openAsBlob } from 'node:fs';
import { ELF_HEADER_BYTES, elfArchitecture } from './elf.ts';

const header = (machine: number, data: 1 | 2 = 1) => {
  const head = new Uint8Array(ELF_HEADER_BYTES);
  head.set([0x7f, 0x45, 0x4c, 0x46, 2, data]);
  if (data === 1) head.set([machine & 0xff, machine >> 8], 18);
  else head.set([machine >> 8, machine & 0xff], 18);
  return head;
};

describe('elfArchitecture', () => {
  it('reads the machine this host\'s busybox is built for', async () => {
    const head = new Uint8Array(await (await openAsBlob('/bin/busybox')).slice(0, ELF_HEADER_BYTES).arrayBuffer());
    expect(elfArchitecture(head)).toBe(process.arch === 'x64' ? 'amd64' : process.arch);
  });
  it('names machines as OCI platforms do, in either byte order', () => {
    expect(elfArchitecture(header(183))).toBe('arm64');
    expect(elfArchitecture(header(21, 1))).toBe('ppc64le');
    expect(elfArchitecture(header(21, 2))).toBe('ppc64');
    expect(elfArchitecture(header(22, 2))).toBe('s390x');
    expect(elfArchitecture(header(4242))).toBe('elf machine 4242');
  });
  it('is null for anything but ELF', () => {
    expect(elfArchitecture(new TextEncoder().encode('#!/bin/sh\necho not elf here'))).toBeNull();
    expect(elfArchitecture(header(62).subarray(0, 10))).toBeNull();
  });
});
