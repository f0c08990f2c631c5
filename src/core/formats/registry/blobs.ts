// The blob source of a registry repository, for the readers: every ref is handed out without its
// bytes and fetched when first needed, manifests and indexes from /manifests/, configs and layers
// from /blobs/. Fetched blobs are shared by digest across readings (choosing another platform
// pulls nothing twice); one that fails is forgotten, so the next attempt fetches it again. When a
// layer is asked for, the next layer starts downloading too, so the network works while the
// previous one is being verified.

import type { Digest } from '../../digest.ts';
import type { BlobRole } from '../../image/model.ts';
import { MAX_DOCUMENT_BYTES } from '../../oci/parse-json.ts';
import type { RegistryClient } from '../../registry/client.ts';
import { downloadBlob } from '../../registry/blob-download.ts';
import { fetchManifest } from '../../registry/manifests.ts';
import { memorySinkFactory } from '../../store/memory.ts';
import type { BlobSinkFactory } from '../../store/sink.ts';
import type { BlobRef, FetchBlobOptions, ReadingBlobs } from '../reading.ts';

/** One blob coming from the registry, shared by everyone who asks for it. */
interface Download {
  blob: Promise<Blob>;
  received: number;
  /** Who wants to hear of bytes arriving: whoever started the download, and later callers. */
  listeners: Set<(received: number) => void>;
}

/** What stays between readings of one repository: the client and the blobs fetched so far. */
export class PulledBlobs {
  private readonly fetched = new Map<Digest, Download>();

  constructor(readonly client: RegistryClient, readonly repository: string, private readonly sinks: BlobSinkFactory) {}

  /** The blob, from what was fetched before (or is being fetched) or from the registry now. */
  fetch(digest: Digest, endpoint: 'manifests' | 'blobs', opts: FetchBlobOptions & { small?: boolean }): Promise<Blob> {
    const download = this.fetched.get(digest) ?? this.start(digest, endpoint, opts);
    const { onBytes } = opts;
    if (onBytes) {
      download.listeners.add(onBytes);
      if (download.received > 0) onBytes(download.received);
      void download.blob.finally(() => download.listeners.delete(onBytes)).catch(() => {});
    }
    return download.blob;
  }

  private start(digest: Digest, endpoint: 'manifests' | 'blobs', opts: FetchBlobOptions & { small?: boolean }): Download {
    // Called only once the body streams, after `download` below exists.
    const onBytes = (received: number) => {
      download.received = received;
      for (const listener of download.listeners) listener(received);
    };
    const blob = endpoint === 'manifests'
      ? fetchManifest(this.client, this.repository, digest, opts.signal).then(({ bytes }) => new Blob([bytes as Uint8Array<ArrayBuffer>]))
      : downloadBlob(this.client, this.repository, digest, {
          size: opts.size,
          // Configs are small documents (bounded like every JSON document); layers go to disk.
          sinks: opts.small && (opts.size ?? 0) <= MAX_DOCUMENT_BYTES ? memorySinkFactory : this.sinks,
          signal: opts.signal,
          onBytes,
        });
    const download: Download = { blob, received: 0, listeners: new Set() };
    this.fetched.set(digest, download);
    download.blob.catch(() => this.fetched.delete(digest));
    return download;
  }
}

export class RegistryBlobs implements ReadingBlobs {
  readonly refs = new Map<Digest, BlobRef>();
  /** Sizes the manifest gives the layers, so a prefetch is bounded like the fetch it anticipates. */
  private readonly sizes = new Map<Digest, number>();

  constructor(private readonly pulled: PulledBlobs) {}

  async get(digest: Digest, role: BlobRole): Promise<BlobRef> {
    const known = this.refs.get(digest);
    if (known) {
      if (known.role === 'other') known.role = role;
      return known;
    }
    const endpoint = role === 'config' || role === 'layer' ? 'blobs' : 'manifests';
    const ref: BlobRef = {
      digest,
      role,
      path: `/v2/${this.pulled.repository}/${endpoint}/${digest}`,
      fetch: (opts) => {
        if (ref.role === 'layer') this.prefetchAfter(digest, opts.signal);
        return this.pulled.fetch(digest, endpoint, { ...opts, small: ref.role === 'config' });
      },
    };
    this.refs.set(digest, ref);
    return ref;
  }

  /** Records the size a descriptor gives a layer (the first one wins; verification checks them all). */
  expectSize(digest: Digest, size: number): void {
    if (!this.sizes.has(digest)) this.sizes.set(digest, size);
  }

  private prefetchAfter(digest: Digest, signal: AbortSignal | undefined): void {
    const layers = [...this.refs.values()].filter((r) => r.role === 'layer');
    const next = layers[layers.findIndex((r) => r.digest === digest) + 1];
    if (!next || next.blob) return;
    this.pulled.fetch(next.digest, 'blobs', { size: this.sizes.get(next.digest), signal }).catch(() => {});
  }
}
