// Node twin of src/worker/hash.worker.ts for the hash pool's tests; a blob whose first byte is 0xff
// crashes the thread instead.
import { parentPort } from 'node:worker_threads';
import { answerHashRequest, type HashRequest } from '../worker/hash-pool.ts';

parentPort!.on('message', async (request: HashRequest) => {
  if (new Uint8Array(await request.blob.slice(0, 1).arrayBuffer())[0] === 0xff) throw new Error('thread fell over');
  parentPort!.postMessage(await answerHashRequest(request, (progress) => parentPort!.postMessage(progress)));
});
