// Every fuzz target, by name.

import type { FuzzTarget } from '../target.ts';
import { dockerTarget } from './docker.ts';
import { gzipTarget } from './gzip.ts';
import { jsonTarget } from './json.ts';
import { tarPropsTarget } from './tar-props.ts';
import { tarTarget } from './tar.ts';
import { zipTarget } from './zip.ts';
import { zstdTarget } from './zstd.ts';

export const TARGETS: Record<string, FuzzTarget> = Object.fromEntries(
  [tarTarget, tarPropsTarget, gzipTarget, zstdTarget, zipTarget, jsonTarget, dockerTarget].map((t) => [t.name, t]),
);
