// The blob source of an OCI layout in an archive or folder, looked up by validated digest only: `blobs/sha256/<hex>` is built
// from a parsed Digest, never from a string found in a document. Blobs not in the archive are
// recorded as not included (never fetched); blobs stored as links are followed and flagged.

import { hexOf, type Digest } from '../../digest.ts';
import type { ArchiveFiles } from '../archive.ts';
import type { BlobSource } from '../../image/model.ts';
import type { BlobRef, BlobRole } from '../reading.ts';
import { documentName, error, warning, type ProblemSink } from '../../problem.ts';

export class LayoutBlobs implements BlobSource<BlobRef> {
  readonly refs = new Map<Digest, BlobRef>();
  constructor(
    private readonly files: ArchiveFiles,
    private readonly problems: ProblemSink,
  ) {}

  /** The blob for `digest`, opened once; `role` is what the first descriptor naming it says. */
  async get(digest: Digest, role: BlobRole): Promise<BlobRef> {
    const known = this.refs.get(digest);
    if (known) {
      if (known.role === 'other') known.role = role;
      return known;
    }
    const path = `blobs/sha256/${hexOf(digest)}`;
    const ref: BlobRef = { digest, role };
    this.refs.set(digest, ref);
    try {
      const opened = await this.files.open(path);
      if (!opened) return ref;
      ref.path = path;
      ref.blob = opened.blob;
      if (opened.viaLinks.length > 0) {
        ref.viaLinks = opened.viaLinks;
        warning(this.problems, documentName(path, role), `is stored as a link to ${opened.path}; followed inside the archive`);
      }
    } catch (e) {
      ref.path = path;
      error(this.problems, documentName(path, role), (e as Error).message);
    }
    return ref;
  }
}
