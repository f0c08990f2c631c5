import { describe, expect, it } from 'vitest';
import { count, exactBytes, humanBytes, middleEllipsis, modeString, octalMode } from './format.ts';

describe('humanBytes', () => {
  it('uses binary units with sensible precision', () => {
    expect(humanBytes(0)).toBe('0 B');
    expect(humanBytes(1023)).toBe('1023 B');
    expect(humanBytes(1536)).toBe('1.50 KiB');
    expect(humanBytes(200 * 1024 * 1024)).toBe('200 MiB');
    expect(humanBytes(-1)).toBe('—');
  });
  it('prints exact bytes with separators', () => {
    expect(exactBytes(1234567)).toBe('1,234,567 bytes');
    expect(exactBytes(12)).toBe('12 bytes');
  });
});

describe('middleEllipsis', () => {
  it('keeps both ends of a digest', () => {
    const digest = `sha256:${'a'.repeat(60)}bcdef0`;
    expect(middleEllipsis(digest)).toBe(`sha256:aaaaaaa…bcdef0`);
    expect(middleEllipsis('short')).toBe('short');
  });
});

describe('modeString', () => {
  it('renders like ls -l', () => {
    expect(modeString('dir', 0o755)).toBe('drwxr-xr-x');
    expect(modeString('file', 0o644)).toBe('-rw-r--r--');
    expect(modeString('file', 0o4755)).toBe('-rwsr-xr-x');
    expect(modeString('dir', 0o1777)).toBe('drwxrwxrwt');
    expect(modeString('symlink', 0o777)).toBe('lrwxrwxrwx');
    expect(octalMode(0o755)).toBe('0755');
  });
});

describe('count', () => {
  it('picks the singular only for exactly one', () => {
    expect(count(1, 'layer')).toBe('1 layer');
    expect(count(0, 'layer')).toBe('0 layers');
    expect(count(2, 'entry', 'entries')).toBe('2 entries');
    expect(count(100000, 'entry', 'entries')).toBe('100000 entries');
  });
});
