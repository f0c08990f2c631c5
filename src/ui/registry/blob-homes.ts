// Where blobs are known to live, per registry host: the repositories an image was pulled from or
// pushed to in this tab. A push to another repository of the same registry mounts a blob from one
// of these instead of uploading it (what docker's and skopeo's blob caches do). Digests and
// repository names only, in memory.

import type { Digest } from '../../core/digest.ts';

const homes = new Map<string, Map<Digest, Set<string>>>();

export function rememberBlobs(registry: string, repository: string, digests: readonly Digest[]): void {
  const known = homes.get(registry) ?? new Map<Digest, Set<string>>();
  homes.set(registry, known);
  for (const digest of digests) known.set(digest, (known.get(digest) ?? new Set()).add(repository));
}

/** Repositories of `registry` holding each blob, for the push worker. */
export function mountSources(registry: string): Record<string, string[]> {
  return Object.fromEntries([...(homes.get(registry) ?? [])].map(([digest, repos]) => [digest, [...repos]]));
}
