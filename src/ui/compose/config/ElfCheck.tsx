// Flags, on a platform's row, the ELF binaries among that platform's files that are built for
// another architecture (an arm64 binary in the amd64 image fails with "exec format error"). Each
// file's architecture is read once (elf-architectures.ts).

import { useEffect, useState } from 'react';
import { platformView } from '../model/platforms.ts';
import { useComposer } from '../store/index.ts';
import { selectComposition } from '../store/selectors.ts';
import { architecturesOf } from './elf-architectures.ts';

/** Files checked per platform at most; a larger image is checked in its first this many files. */
const MAX_CHECKED = 5000;

export function ElfCheck({ platformId }: { platformId: string }) {
  const composition = useComposer(selectComposition);
  const [mismatches, setMismatches] = useState<{ path: string; arch: string }[]>([]);
  const view = platformView(composition, platformId);
  const architecture = view.platform.architecture.trim();
  useEffect(() => {
    let live = true;
    const files = view.layers
      .flatMap((layer) => Object.values(layer.entries))
      .filter((entry) => entry.type === 'file' && entry.content)
      .slice(0, MAX_CHECKED);
    void architecturesOf(files.map((entry) => entry.content!)).then((found) => {
      if (!live) return;
      setMismatches(files.flatMap((entry, i) => (found[i] && found[i] !== architecture ? [{ path: entry.path, arch: found[i] }] : [])));
    }, () => {});
    return () => {
      live = false;
    };
  }, [view.layers, architecture]);
  if (mismatches.length === 0) return null;
  return (
    <p className="field-problem warning" role="status">
      ⚠ Built for another architecture than {architecture}:{' '}
      {mismatches.slice(0, 3).map((m) => `/${m.path} (${m.arch})`).join(', ')}
      {mismatches.length > 3 && ` and ${mismatches.length - 3} more`}. A container would fail with "exec format error".
    </p>
  );
}
