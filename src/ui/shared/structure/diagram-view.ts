// The plain view the image diagram draws, whoever built the image: the inspector makes one from
// an opened archive (with verification statuses), the composer from its own build (with the
// digests its last edit changed). Only strings and numbers, so both sides fill it the same way.

import type { VerifyStatus } from '../../../core/inspect/views.ts';

export interface DiagramBox {
  key: string;
  title: string;
  /** Makes the title a link (to the document's JSON). */
  titleHref?: string;
  mediaType?: string;
  digest?: string;
  /** Makes the digest a link (to the blob it names). */
  digestHref?: string;
  size?: number;
  status?: VerifyStatus | 'pending';
  selected?: boolean;
  /** Extra lines under the digest (a platform's note, a layer's created_by, its diff_id). */
  lines?: { text: string; mono?: boolean; label?: string }[];
  /** The digest this box had before the last edit, while that is recent enough to mark. */
  changedFrom?: string;
}

export interface DiagramView {
  entry: DiagramBox[];
  manifests: DiagramBox[];
  /** Shown when there are no manifests (a legacy docker save has none). */
  noManifests?: string;
  config: DiagramBox;
  layers: DiagramBox[];
}
