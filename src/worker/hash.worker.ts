// A hashing helper of the hash pool (hash-pool.ts): the SHA-256 of one whole Blob per message.

import { answerHashRequest, type HashRequest } from './hash-pool.ts';

const scope = self as unknown as DedicatedWorkerGlobalScope;

scope.addEventListener('message', async (event: MessageEvent<HashRequest>) => {
  scope.postMessage(await answerHashRequest(event.data, (progress) => scope.postMessage(progress)));
});
