// Node twin of src/worker/hash.worker.ts for the hash pool's tests; a blob whose first byte is 0xff,
// or streamed bytes whose first byte is 0xfe, crash the thread instead; streamed bytes whose
// first byte is 0xfd make the hashing itself fail, the thread staying up.
import { parentPort } from 'node:worker_threads';
import { createHashAnswerer, type HashRequest } from '../worker/hash-pool.ts';

const answer = createHashAnswerer((reply, transfer = []) => parentPort!.postMessage(reply, transfer as ArrayBuffer[]));

parentPort!.on('message', async (request: HashRequest) => {
  if ('blob' in request && new Uint8Array(await request.blob.slice(0, 1).arrayBuffer())[0] === 0xff) throw new Error('thread fell over');
  if ('bytes' in request && request.bytes[0] === 0xfe) throw new Error('thread fell over');
  if ('bytes' in request && request.bytes[0] === 0xfd) return answer({ id: request.id, bytes: {} as Uint8Array });
  await answer(request);
});
