// The opened archive as "Do it yourself" sees it: where each blob of the selected image sits in
// the archive, and how its layers are compressed.

import type { DiyBlob, DiyImage } from '../../../core/formats/diy-commands.ts';
import type { ParsedDescriptor } from '../../../core/oci/parse.ts';
import type { ImageView } from '../../../core/inspect/views.ts';

const REF_NAME = 'org.opencontainers.image.ref.name';

export function inspectedDiy(view: ImageView): DiyImage {
  const paths = new Map(view.blobs.map((b) => [b.digest as string, b.path]));
  const blob = (d: ParsedDescriptor | undefined): DiyBlob | undefined => {
    const path = d?.sha256 && paths.get(d.sha256);
    return path ? { path, digest: d!.sha256! } : undefined;
  };
  const manifests = (view.index?.value as { manifests?: { annotations?: Record<string, string> }[] } | undefined)?.manifests;
  const refTag = manifests?.length === 1 ? manifests[0].annotations?.[REF_NAME] : undefined;
  const selected = view.manifests.find((m) => m.descriptor.digest === view.selected);
  const nested = selected?.indexPath.length ? view.manifests.find((m) => m.descriptor.sha256 === selected.indexPath[selected.indexPath.length - 1]) : undefined;
  // A legacy docker save has no manifest blob: its "manifest" entry names the config.
  const manifest = selected && view.format !== 'docker-save-legacy' ? blob(selected.descriptor) : undefined;
  const imageIndex = nested ? blob(nested.descriptor) : undefined;
  const config = blob(view.config?.descriptor);
  return {
    archiveName: view.fileName,
    kind: view.archiveKind,
    ociLayout: view.format !== 'docker-save-legacy',
    ...(view.index ? { indexJson: view.index.digest } : {}),
    ...(imageIndex ? { imageIndex } : {}),
    ...(manifest ? { manifest } : {}),
    ...(config ? { config } : {}),
    layers: view.layers.flatMap((layer) => {
      const found = blob(layer.descriptor);
      return found ? [{ ...found, ...(layer.diffId ? { diffId: layer.diffId } : {}), compression: layer.declaredCompression }] : [];
    }),
    ...(refTag ? { refTag } : {}),
  };
}
