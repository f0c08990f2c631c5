// The built app served for the browser benchmarks: a production build into `dir`, previewed on a
// free port of 127.0.0.1.
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { build, preview } from 'vite';

export async function serveApp(dir: string) {
  const root = fileURLToPath(new URL('..', import.meta.url));
  const outDir = join(dir, 'dist');
  await build({ root, logLevel: 'error', build: { outDir, emptyOutDir: true } });
  const server = await preview({ root, logLevel: 'error', build: { outDir }, preview: { host: '127.0.0.1', port: 0, strictPort: false } });
  const address = server.httpServer.address();
  if (!address || typeof address === 'string') throw new Error('preview server has no TCP address');
  return { url: `http://127.0.0.1:${address.port}`, close: () => new Promise<void>((resolve) => server.httpServer.close(() => resolve())) };
}
