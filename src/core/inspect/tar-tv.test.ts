import { describe, expect, it } from 'vitest';
import type { FsEntry } from '../fs/entry.ts';
import { tarTv } from './tar-tv.ts';

const file = (mtime: number): FsEntry => ({ path: 'f', type: 'file', mode: 0o644, uid: 0, gid: 0, size: 1, mtime });

describe('tarTv mtime', () => {
  it.each([
    [0, '1970-01-01 00:00'],
    [1_700_000_000, '2023-11-14 22:13'],
    [-1, '1969-12-31 23:59'],
    [253_402_300_800, '10000-01-01 00:00'],
    [-62_198_755_200, '-0001-01-01 00:00'],
    [9e15, '9000000000000000 s after the epoch'],
    [-9e15, '-9000000000000000 s after the epoch'],
  ])('%d renders as %s without throwing', (mtime, shown) => {
    expect(tarTv(file(mtime)).mtime).toBe(shown);
  });
});
