// How much the build store keeps in this browser: built layers are found there again after a
// reload instead of being rebuilt, and what no composition uses any more is reclaimed.

import { humanBytes } from '../../shared/format.ts';
import { useComposer } from '../store/index.ts';

export function StoreUsage() {
  const usage = useComposer((s) => s.storeUsage);
  if (!usage) return null;
  return (
    <p className="muted small store-usage" aria-label="Build store">
      Kept in this browser: {usage.layers} built layer{usage.layers === 1 ? '' : 's'}, {humanBytes(usage.bytes)}; found again after a reload instead of being rebuilt.
    </p>
  );
}
