// A hashing helper of the hash pool (hash-pool.ts): the SHA-256 of one whole Blob per message; a
// cancel message stops the reading of one.

import { createHashAnswerer, type HashRequest } from './hash-pool.ts';

const scope = self as unknown as DedicatedWorkerGlobalScope;
const answer = createHashAnswerer((reply) => scope.postMessage(reply));

scope.addEventListener('message', (event: MessageEvent<HashRequest>) => void answer(event.data));
