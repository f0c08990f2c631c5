import { describe, expect, it } from 'vitest';
import type { FsEntry } from '../../../core/fs/entry.ts';
import { missingProgram, scriptSplitAfterDashC, unexpandedVariables } from './run-hints.ts';

const entry = (path: string, type: FsEntry['type'] = 'file'): [string, { entry: FsEntry }] => [path, { entry: { path, type, mode: 0o755, uid: 0, gid: 0, size: 0 } }];

describe('missingProgram', () => {
  const files = new Map([entry('bin/busybox'), entry('bin/sh', 'symlink'), entry('usr', 'dir'), entry('lib', 'symlink')]);
  it('names an absolute program the image does not hold', () => {
    expect(missingProgram(['/app'], files)).toBe('/app');
    expect(missingProgram(['/usr/bin/env', 'x'], files)).toBe('/usr/bin/env');
  });
  it('accepts files and symlinks that exist, PATH lookups and paths under a symlinked folder', () => {
    expect(missingProgram(['/bin/busybox', 'sh'], files)).toBeNull();
    expect(missingProgram(['/bin/sh'], files)).toBeNull();
    expect(missingProgram(['busybox'], files)).toBeNull();
    expect(missingProgram(['/lib/ld.so'], files)).toBeNull();
    expect(missingProgram([], files)).toBeNull();
  });
});

describe('unexpandedVariables', () => {
  it('flags $VAR without a shell, not with one', () => {
    expect(unexpandedVariables(['echo', '$GREETING'])).toBe(true);
    expect(unexpandedVariables(['/app', '--name=${USER}'])).toBe(true);
    expect(unexpandedVariables(['/bin/busybox', 'sh', '-c', 'echo $GREETING'])).toBe(false);
    expect(unexpandedVariables(['/bin/sh', '-c', 'echo $X'])).toBe(false);
    expect(unexpandedVariables(['echo', 'costs $5'])).toBe(true);
    expect(unexpandedVariables(['echo', 'hi'])).toBe(false);
  });
});

describe('scriptSplitAfterDashC', () => {
  it('flags a Cmd of several words after sh -c, not one script string', () => {
    expect(scriptSplitAfterDashC(['/bin/busybox', 'sh', '-c'], ['echo', '$GREETING'])).toBe(true);
    expect(scriptSplitAfterDashC(['/bin/busybox', 'sh', '-c'], ['echo $GREETING'])).toBe(false);
    expect(scriptSplitAfterDashC(['/bin/app', '-c'], ['a', 'b'])).toBe(false);
    expect(scriptSplitAfterDashC([], ['echo', 'hi'])).toBe(false);
  });
});
