// A temp dir for one spec file, made in beforeAll and removed in afterAll. Made at module load
// instead, it leaks: Playwright also loads spec files in its runner process, which never runs the
// hooks. Call at the top of the file, before hooks that use it.
import { test } from '@playwright/test';
import { makeTempDir } from '../../src/test-support/oracle.ts';

export function useTempDir(prefix: string): () => string {
  let dir: ReturnType<typeof makeTempDir> | undefined;
  test.beforeAll(() => {
    dir = makeTempDir(prefix);
  });
  test.afterAll(() => dir?.remove());
  return () => {
    if (!dir) throw new Error(`temp dir ${prefix} is not made yet (use it inside hooks and tests)`);
    return dir.path;
  };
}
