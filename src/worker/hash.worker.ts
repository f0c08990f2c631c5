// A hashing helper of the hash pool (hash-pool.ts): the SHA-256 of one whole Blob per message; a
// cancel message stops the reading of one. The page starts it (helper-host.ts) and posts it the
// port its pool talks to.

import { onHostPort } from './helper-host.ts';
import { createHashAnswerer, type HashRequest } from './hash-pool.ts';

onHostPort((port) => {
  const answer = createHashAnswerer((reply, transfer = []) => port.postMessage(reply, transfer));
  port.addEventListener('message', (event: MessageEvent<HashRequest>) => void answer(event.data));
  port.start();
});
