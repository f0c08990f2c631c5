// Which descriptor names each blob, and how the UI links to blobs and documents by digest.

import type { ParsedDescriptor } from '../../../core/oci/parse.ts';
import type { ImageView } from '../../../core/inspect/views.ts';

export const hexPart = (digest: string) => digest.replace(/^[a-z0-9]+:/, '');
export const blobAnchor = (digest: string) => `blob-${hexPart(digest)}`;
export const docAnchor = (digest: string) => `doc-${hexPart(digest)}`;
export const blobHref = (digest: string) => `#${blobAnchor(digest)}`;

export interface NamedBlob {
  /** The digest as the descriptor writes it. */
  digest: string;
  descriptor: ParsedDescriptor;
  /** What the blob is to a person: `manifest linux/amd64`, `config`, `layer L2`. */
  label: string;
  role: 'index' | 'manifest' | 'config' | 'layer' | 'other';
}

/** Every descriptor of the selected image, in reading order: manifests, config, layers. */
export function namedBlobs(view: ImageView): NamedBlob[] {
  const out = new Map<string, NamedBlob>();
  const add = (descriptor: ParsedDescriptor | undefined, label: string, role: NamedBlob['role']) => {
    if (descriptor?.digest && !out.has(descriptor.digest)) out.set(descriptor.digest, { digest: descriptor.digest, descriptor, label, role });
  };
  for (const m of view.manifests) {
    const role = m.nestedIndex ? 'index' : 'manifest';
    add(m.descriptor, `${m.attestation ? 'attestation ' : ''}${role}${m.platform ? ` ${platformText(m.platform)}` : ''}`, role);
  }
  add(view.config?.descriptor, 'config', 'config');
  for (const layer of view.layers) add(layer.descriptor, `layer L${layer.index + 1}`, layer.declaredCompression === null ? 'other' : 'layer');
  return [...out.values()];
}

export function platformText(p: { os?: string; architecture?: string; variant?: string }): string {
  return [p.os, p.architecture, p.variant].filter(Boolean).join('/') || 'unknown platform';
}
