// Shrinks a failing input while it still fails the same way (same kind, same first line with the
// numbers blanked): cut chunks from big to single bytes, then zero single bytes. Bounded in tries.

import { Finding } from './target.ts';

export function signature(finding: Finding): string {
  return `${finding.kind}:${finding.message.split('\n')[0].replace(/\d+/g, '#').slice(0, 80)}`;
}

export async function minimize(input: Uint8Array, fails: (candidate: Uint8Array) => Promise<Finding | undefined>, maxTries = 400): Promise<Uint8Array> {
  const first = await fails(input);
  if (!first) return input;
  const wanted = signature(first);
  let best = input;
  let tries = 0;
  const keeps = async (candidate: Uint8Array): Promise<boolean> => {
    tries++;
    const f = await fails(candidate);
    return f !== undefined && signature(f) === wanted;
  };
  for (let chunk = best.length >> 1; chunk >= 1 && tries < maxTries; chunk >>= 1) {
    for (let at = 0; at + chunk <= best.length && tries < maxTries; ) {
      const candidate = new Uint8Array(best.length - chunk);
      candidate.set(best.subarray(0, at));
      candidate.set(best.subarray(at + chunk), at);
      if (await keeps(candidate)) best = candidate;
      else at += chunk;
    }
  }
  for (let at = 0; at < best.length && tries < maxTries; at++) {
    if (best[at] === 0) continue;
    const candidate = best.slice();
    candidate[at] = 0;
    if (await keeps(candidate)) best = candidate;
  }
  return best;
}
