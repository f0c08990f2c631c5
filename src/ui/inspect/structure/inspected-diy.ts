// The opened archive as "Do it yourself" sees it: where each blob of the selected image sits in
// the archive (or, pulled, in skopeo's dir: copy of it), and how its layers are compressed.

import type { DiyBlob, DiyImage } from '../../../core/formats/diy-commands.ts';
import type { ParsedDescriptor } from '../../../core/oci/parse.ts';
import type { ImageView, PulledFrom } from '../../../core/inspect/views.ts';
import { hexOf } from '../../../core/digest.ts';

const REF_NAME = 'org.opencontainers.image.ref.name';

/** Where skopeo's dir: transport puts a pulled image: a folder named after it, blobs by hex. */
function pulledCopy(from: PulledFrom, selected: string | undefined) {
  const last = from.repository.split('/').at(-1) ?? 'image';
  const pinned = selected ?? from.digest;
  return {
    archiveName: `${last}${from.tag ? `-${from.tag}` : ''}`.replace(/[^A-Za-z0-9._-]+/g, '-'),
    registry: {
      manifestRef: `${from.registry}/${from.repository}@${pinned}`,
      ...(pinned !== from.digest ? { indexRef: from.reference } : {}),
      insecure: from.origin.startsWith('http:'),
    },
  };
}

export function inspectedDiy(view: ImageView): DiyImage {
  const paths = new Map(view.blobs.map((b) => [b.digest as string, b.path]));
  const blob = (d: ParsedDescriptor | undefined): DiyBlob | undefined => {
    if (view.pulledFrom && d?.sha256) return { path: d.sha256 === view.selected ? 'manifest.json' : hexOf(d.sha256), digest: d.sha256 };
    const path = d?.sha256 && paths.get(d.sha256);
    return path ? { path, digest: d!.sha256! } : undefined;
  };
  const manifests = (view.index?.value as { manifests?: { annotations?: Record<string, string> }[] } | undefined)?.manifests;
  const refTag = manifests?.length === 1 ? manifests[0].annotations?.[REF_NAME] : undefined;
  const selected = view.manifests.find((m) => m.descriptor.digest === view.selected);
  const nested = selected?.indexPath.length ? view.manifests.find((m) => m.descriptor.sha256 === selected.indexPath[selected.indexPath.length - 1]) : undefined;
  // A legacy docker save has no manifest blob: its "manifest" entry names the config.
  const manifest = selected && view.format !== 'docker-save-legacy' ? blob(selected.descriptor) : undefined;
  const config = blob(view.config?.descriptor);
  const { archiveKind, pulledFrom } = view;
  const pulled = archiveKind === 'registry' && pulledFrom ? pulledCopy(pulledFrom, view.selected) : undefined;
  // A pulled index is no file of the copy: its digest is checked against the registry itself.
  const imageIndex = pulled ? (pulled.registry.indexRef ? { path: '', digest: pulledFrom!.digest } : undefined) : nested ? blob(nested.descriptor) : undefined;
  return {
    ...(pulled ? { ...pulled, kind: 'registry' as const, ociLayout: false } : { archiveName: view.fileName, kind: archiveKind === 'registry' ? 'folder' : archiveKind, ociLayout: view.format !== 'docker-save-legacy' }),
    ...(view.index && !pulled ? { indexJson: view.index.digest } : {}),
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
