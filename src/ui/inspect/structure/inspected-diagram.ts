// An opened archive as the diagram's plain view: its entry points, every manifest (the selected
// one marked), the config and the layers, each with its verification status so far.

import type { ParsedDescriptor } from '../../../core/oci/parse.ts';
import type { BlobVerification, ImageView, VerifyStatus } from '../../../core/inspect/views.ts';
import type { DiagramBox, DiagramView } from '../../shared/structure/diagram-view.ts';
import { count } from '../../shared/format.ts';
import { blobHref, docAnchor, platformText } from './blob-index.ts';

export function inspectedDiagram(view: ImageView, results: Record<string, BlobVerification>): DiagramView {
  const statusOf = (d: ParsedDescriptor): VerifyStatus | 'pending' => {
    const stored = d.sha256 ? view.blobs.find((b) => b.digest === d.sha256) : undefined;
    return results[d.digest]?.status ?? (stored && !stored.present ? 'missing' : 'pending');
  };
  const described = (d: ParsedDescriptor) => ({ mediaType: d.mediaType, digest: d.digest, digestHref: blobHref(d.digest), size: d.size, status: statusOf(d) });
  const entry: DiagramBox[] = [];
  if (view.index) {
    const listsManifests = view.index.value && typeof view.index.value === 'object' && 'manifests' in view.index.value;
    entry.push({ key: 'index.json', title: 'index.json', titleHref: `#${docAnchor(view.index.digest)}`, lines: [{ text: `OCI image layout · ${listsManifests ? count(view.manifests.length, 'manifest') : ''}` }] });
  }
  if (view.dockerManifest) {
    entry.push({ key: 'manifest.json', title: 'manifest.json', titleHref: `#${docAnchor(view.dockerManifest.digest)}`, lines: [{ text: `docker save's own list: config + layer paths${view.names.length ? ` · ${view.names.join(', ')}` : ''}` }] });
  }
  const configDescriptor = view.config?.descriptor;
  const config: DiagramBox = configDescriptor
    ? { key: 'config', title: 'config', titleHref: `#${docAnchor(view.config!.digest)}`, ...described(configDescriptor) }
    : view.config ? { key: 'config', title: 'config', digest: view.config.digest } : { key: 'config', title: 'no config' };
  return {
    entry,
    manifests: view.derivedManifest
      ? [{
          key: 'derived-manifest',
          title: 'manifest (derived)',
          titleHref: `#${docAnchor(view.derivedManifest.digest)}`,
          digest: view.derivedManifest.digest,
          size: view.derivedManifest.size,
          lines: [{ text: 'This form of docker save stores no manifest: manifest.json lists the config and the layers. This OCI manifest names them as a push or docker load would; it is made here, not stored.' }],
        }]
      : view.format === 'docker-save-legacy' ? [] : view.manifests.map((m) => ({
          key: m.descriptor.digest,
          title: `${m.nestedIndex ? 'index' : m.attestation ? 'attestation' : 'manifest'}${m.platform ? ` ${platformText(m.platform)}` : ''}`,
          selected: m.descriptor.digest === view.selected,
          ...described(m.descriptor),
        })),
    noManifests: 'No manifest could be read.',
    config,
    layers: view.layers.map((layer) => ({
      key: String(layer.index),
      title: `L${layer.index + 1}`,
      ...described(layer.descriptor),
      ...(layer.history?.createdBy ? { lines: [{ text: layer.history.createdBy, mono: true }] } : {}),
    })),
  };
}
