// Notes under Entrypoint / Cmd for mistakes that build fine but fail when the container runs:
// the program is not in the image, `$VAR` is passed to a program that is not a shell (the exec
// form runs no shell, so nothing expands it), or `sh -c` gets its script split into words.

import type { FsEntry } from '../../../core/fs/entry.ts';

const SHELL = /(^|\/)(sh|bash|ash|dash|zsh)$/;
const VARIABLE = /\$(\w|\{)/;

/** Looks up an image path (`bin/sh`) in the merged filesystem. */
export interface PathLookup {
  get(path: string): { entry: FsEntry } | undefined;
}

/** The absolute program path that nothing in the image provides, or null. */
export function missingProgram(argv: readonly string[], files: PathLookup): string | null {
  const program = argv[0];
  if (!program?.startsWith('/')) return null; // found through PATH at run time: cannot tell here
  const path = program.replace(/^\/+/, '').replace(/\/+$/, '');
  if (path === '' || files.get(path)) return null;
  // Under a symlinked folder the path resolves elsewhere; do not guess.
  const parts = path.split('/');
  for (let i = 1; i < parts.length; i++) if (files.get(parts.slice(0, i).join('/'))?.entry.type === 'symlink') return null;
  return program;
}

/** True when `$NAME` appears in the command but no shell will run to expand it. */
export function unexpandedVariables(argv: readonly string[]): boolean {
  return argv.some((arg) => VARIABLE.test(arg)) && !argv.some((arg) => SHELL.test(arg));
}

/** `sh -c` runs only the next argument as its script; later words become $0, $1…, not script. */
export function scriptSplitAfterDashC(entrypoint: readonly string[], cmd: readonly string[]): boolean {
  return entrypoint.at(-1) === '-c' && entrypoint.some((arg) => SHELL.test(arg)) && cmd.length > 1;
}
