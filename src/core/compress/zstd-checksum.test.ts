// A zstd frame's content checksum is checked (fzstd alone skips it), for big and tiny frames,
// with the zstd tool as the judge of which streams are corrupt.

import { execFileSync, spawnSync } from 'node:child_process';
import { describe, expect, it } from 'vitest';
import { chunksOf, collect, noise } from '../../test-support/bytes.ts';
import { requireTool } from '../../test-support/oracle.ts';
import { zstdDecompressStream } from './zstd.ts';

const zstd = (input: Uint8Array) => new Uint8Array(execFileSync('zstd', ['-q', '-c'], { input }));
const decode = (bytes: Uint8Array) => collect(zstdDecompressStream(chunksOf(bytes, 5), { maxOutput: 1e8 }));
const toolAccepts = (bytes: Uint8Array) => spawnSync('zstd', ['-d', '-c', '-q'], { input: bytes }).status === 0;

describe.skipIf(!requireTool('zstd'))('zstd content checksum', () => {
  it('refuses a frame whose stored bytes were changed inside a raw block, as the zstd tool does', async () => {
    const data = noise(50_000);
    const bent = zstd(data);
    bent[2000] ^= 0x01; // inside an incompressible (raw) block: decodes, but to other bytes
    expect(toolAccepts(bent)).toBe(false);
    await expect(decode(bent)).rejects.toThrow(/^zstd: frame content checksum at compressed offset \d+ is [0-9a-f]{8}, the data gives [0-9a-f]{8} \(corrupt frame\)$/);
  });

  it('checks tiny frames and several frames in a row', async () => {
    const two = new Uint8Array([...zstd(new TextEncoder().encode('hi')), ...zstd(new TextEncoder().encode('there'))]);
    expect(new TextDecoder().decode(await decode(two))).toBe('hithere');
    const bent = two.slice();
    bent[bent.length - 1] ^= 0xff; // the second frame's checksum
    expect(toolAccepts(bent)).toBe(false);
    await expect(decode(bent)).rejects.toThrow(/frame content checksum/);
  });
});
