// The composer's build as the diagram's plain view: index.json (and the image index, with several
// platforms) -> a manifest per platform, the active one marked -> its config and layers, each
// digest linking to where the result panel shows it, and the digests the last edit changed
// marked with their old value.

import { hexOf, type Digest } from '../../../core/digest.ts';
import type { DigestChange } from '../../../core/image/digest-changes.ts';
import type { ImageIndex } from '../../../core/image/model.ts';
import type { DiagramBox, DiagramView } from '../../shared/structure/diagram-view.ts';
import { layerHistory } from '../result/layer-history.ts';

const platformOf = (c: { os: string; architecture: string; variant?: string }) => [c.os, c.architecture, c.variant].filter(Boolean).join('/');

/** `changed` holds the recent changes by key (empty once they are no longer recent). */
export function composedDiagram(index: ImageIndex, active: number, changed: Map<string, DigestChange>): DiagramView {
  const several = index.images.length > 1;
  const was = (what: string, platform?: string) => changed.get(several && platform ? `${platform} ${what}` : what)?.before;
  const image = index.images[active] ?? index.images[0];
  const platform = platformOf(image.config.value);
  const history = layerHistory(image.config.value);
  const at = (digest: Digest) => `#blob-${hexOf(digest)}`;
  const entry: DiagramBox = {
    key: 'index.json', title: 'index.json', digest: index.index.descriptor.digest, size: index.index.descriptor.size, changedFrom: was('index.json'),
    lines: [{ text: several ? 'OCI image layout · names the image index' : 'OCI image layout · names the manifest' }],
  };
  const manifests: DiagramBox[] = [];
  if (index.imageIndex) {
    const d = index.imageIndex.descriptor;
    manifests.push({ key: 'image index', title: 'image index', mediaType: d.mediaType, digest: d.digest, size: d.size, changedFrom: was('image index'), lines: [{ text: `one manifest for each of ${index.images.length} platforms` }] });
  }
  index.images.forEach((img, i) => {
    const d = img.manifest.descriptor;
    const p = platformOf(img.config.value);
    manifests.push({ key: d.digest + i, title: `manifest ${p}`, mediaType: d.mediaType, digest: d.digest, digestHref: i === active ? at(d.digest) : undefined, size: d.size, selected: i === active, changedFrom: was('manifest', p) });
  });
  const config = image.config.descriptor;
  return {
    entry: [entry],
    manifests,
    config: { key: 'config', title: 'config', mediaType: config.mediaType, digest: config.digest, digestHref: at(config.digest), size: config.size, changedFrom: was('config', platform) },
    layers: image.layers.map((layer, i) => ({
      key: `${i}`,
      title: `L${i + 1}`,
      mediaType: layer.descriptor.mediaType,
      digest: layer.descriptor.digest,
      digestHref: at(layer.descriptor.digest),
      size: layer.descriptor.size,
      changedFrom: was(`L${i + 1} digest`, platform),
      lines: [
        { text: layer.diffId, mono: true, label: 'diff_id' },
        ...(history[i] ? [{ text: history[i]!, mono: true }] : []),
      ],
    })),
  };
}
