import { describe, expect, it } from 'vitest';
import { openAsBlob, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { makeTempDir } from '../../test-support/oracle.ts';
import { file } from '../../test-support/image.ts';
import { unreadableError, unreadableFiles } from './unreadable.ts';

describe('unreadableFiles', () => {
  it('names the file that changed on disk after it was picked, and says what to do', async () => {
    const tmp = makeTempDir('unreadable');
    try {
      const path = join(tmp.path, 'app.bin');
      writeFileSync(path, 'first version');
      const picked = await openAsBlob(path);
      writeFileSync(path, 'second, longer version');
      const entries = [file('etc/motd', 'fine'), { ...file('app.bin', 'x'), content: picked, size: picked.size }];
      const unreadable = await unreadableFiles(entries);
      expect(unreadable).toEqual(['app.bin']);
      expect(unreadableError(unreadable).message).toBe('/app.bin can no longer be read: it was changed, moved or deleted on disk after being added. Add it again.');
    } finally {
      tmp.remove();
    }
  });
});
