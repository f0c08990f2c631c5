// Downloads that a browser saves into a folder of its own (Firefox's download behaviour, WebKit's
// home folder): wait for the new file to be complete, then move it where the check wants it.
import { readdirSync, renameSync, statSync } from 'node:fs';
import { join } from 'node:path';
import type { Download } from './driver.ts';

/** Firefox writes `<name>.part` until a download is done; a size that stops growing covers the rest. */
const PARTIAL = /\.part$/;

export const listDir = (dir: string) => new Set(readdirSync(dir));

/** Waits until a file that is not in `before` appears in `from`, complete and no longer growing, and moves it to `to`. */
export async function takeNewDownload(from: string, before: Set<string>, to: string, timeoutMs = 60_000): Promise<Download> {
  const deadline = Date.now() + timeoutMs;
  let last = { name: '', size: -1 };
  while (Date.now() < deadline) {
    await new Promise((resolve) => setTimeout(resolve, 250));
    // Dot files and folders are the browser's own (a home folder gets .cache, .local).
    const names = readdirSync(from).filter((n) => !before.has(n) && !n.startsWith('.') && statSync(join(from, n)).isFile());
    if (names.some((n) => PARTIAL.test(n))) continue;
    const name = names[0];
    if (!name) continue;
    const size = statSync(join(from, name)).size;
    if (name === last.name && size === last.size && size > 0) {
      const path = join(to, name);
      renameSync(join(from, name), path);
      return { path, name };
    }
    last = { name, size };
  }
  throw new Error(`no complete download appeared in ${from} within ${timeoutMs} ms`);
}
