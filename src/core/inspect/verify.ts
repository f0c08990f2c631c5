// Verifying an inspected image: every blob a descriptor names is checked for size first (no
// read when it differs), then SHA-256; every layer is decompressed (bounded) and its diff_id
// checked against the config, in the same pass that hashes the compressed blob (and, when asked,
// lists the layer's files, so the Layers view needs no second pass). One failure never stops the
// rest. Progress counts compressed bytes read over the total to read.

import type { Digest } from '../digest.ts';
import { createSha256, iterateBlobReusing, sha256OfBlob, type RemoteHash } from '../hash/sha256.ts';
import type { ParsedDescriptor } from '../oci/parse.ts';
import { blobOf, type BlobRef, type BlobRole, type InspectedImage, type InspectedLayer } from '../formats/reading.ts';
import { openLayerStream, MAX_LAYER_TAR_BYTES } from '../compress/layer-stream.ts';
import type { Compression } from '../compress/detect.ts';
import { layerWhere, listTar, type BodyBudget, type LayerListing } from './layer-entries.ts';

export type VerifyStatus = 'verified' | 'mismatch' | 'missing' | 'unverified';

export interface BlobVerification {
  /** The digest as written in the descriptor. */
  digest: string;
  role: BlobRole;
  status: VerifyStatus;
  expected: { digest: string; size: number };
  actual?: { digest?: Digest; size: number };
  message: string;
}

export interface LayerVerification {
  index: number;
  status: VerifyStatus;
  expectedDiffId?: Digest;
  actualDiffId?: Digest;
  compression?: Compression;
  /** Bytes of the uncompressed tar. */
  tarSize?: number;
  message: string;
  warnings: string[];
}

export interface VerificationReport {
  blobs: Map<string, BlobVerification>;
  layers: LayerVerification[];
}

export interface VerifyOptions {
  onProgress?: (bytesDone: number, bytesTotal: number) => void;
  onBlob?: (result: BlobVerification) => void;
  onLayer?: (result: LayerVerification) => void;
  signal?: AbortSignal;
  maxLayerTarBytes?: number;
  /**
   * Hashes a whole blob, possibly on another core (the inspection worker's hash pool): compressed
   * layer blobs are then hashed there while this pass decompresses, hashes the tar and lists it,
   * and blobs that are not layers are hashed there too.
   */
  hashBlob?: (blob: Blob, onProgress: (bytesDone: number) => void, signal?: AbortSignal) => Promise<Digest>;
  /**
   * A hash of bytes handed over as they are made, on another core (the hash pool): a compressed
   * layer's tar is hashed there while this pass decompresses and lists it.
   */
  hashStream?: (signal?: AbortSignal) => RemoteHash;
  /** Asks for each layer's file list, read in the same pass as its diff_id (see hashLayer). */
  listing?: { onListing: (layer: InspectedLayer, listing: LayerListing) => void; keepBodies?: BodyBudget };
}

export async function verifyImage(image: InspectedImage, opts: VerifyOptions = {}): Promise<VerificationReport> {
  const targets = collectTargets(image);
  const layerByDigest = new Map<string, InspectedLayer>();
  for (const layer of image.layers) if (layer.descriptor.sha256 && !layerByDigest.has(layer.descriptor.sha256)) layerByDigest.set(layer.descriptor.sha256, layer);
  // A blob still in a registry counts twice, downloaded and then checked, so the bar moves while
  // a layer downloads; the shares are fixed here so the total stays what it was announced as.
  const shares = new Map<string, { read: number; download: number }>();
  for (const [digest, t] of targets) {
    const ref = t.descriptor.sha256 ? image.blobs.get(t.descriptor.sha256) : undefined;
    if (t.descriptor.sha256) shares.set(digest, { read: sizeToRead(ref, t.descriptor), download: sizeToDownload(ref, t.descriptor) });
  }
  const total = [...shares.values()].reduce((n, s) => n + s.read + s.download, 0);
  let done = 0;
  const progress = (n: number) => {
    done += n;
    opts.onProgress?.(done, total);
  };
  const report: VerificationReport = { blobs: new Map(), layers: [] };
  const layerResults = new Map<string, Omit<LayerVerification, 'index' | 'expectedDiffId'> & { actualDiffId?: Digest }>();

  for (const [digest, { descriptor, role }] of targets) {
    opts.signal?.throwIfAborted();
    const expected = { digest, size: descriptor.size };
    const finish = (status: VerifyStatus, message: string, actual?: BlobVerification['actual']) => {
      const result: BlobVerification = { digest, role, status, expected, message, ...(actual ? { actual } : {}) };
      report.blobs.set(digest, result);
      opts.onBlob?.(result);
    };
    if (!descriptor.sha256) {
      finish('unverified', 'the digest is not a sha256 digest, so it cannot be checked');
      continue;
    }
    let blob: Blob | undefined;
    const share = shares.get(digest)!;
    let downloaded = 0;
    const onBytes = (received: number) => {
      const more = Math.min(received, share.download) - downloaded;
      if (more > 0) progress(more);
      downloaded += Math.max(0, more);
    };
    try {
      blob = await blobOf(image.blobs.get(descriptor.sha256), { size: descriptor.size, signal: opts.signal, onBytes });
    } catch (e) {
      if (opts.signal?.aborted) throw e;
      finish('unverified', `could not be pulled: ${(e as Error).message}`);
      progress(share.read); // nothing to check: the bar still ends at its total
      continue;
    } finally {
      // Fetched before (a preview, a listing) or cut short: its share is done either way.
      onBytes(share.download);
    }
    if (!blob) {
      finish('missing', 'not included in the archive');
      continue;
    }
    if (descriptor.size >= 0 && blob.size !== descriptor.size) {
      progress(blob.size);
      finish('mismatch', `size is ${blob.size} bytes but the descriptor says ${descriptor.size}; not hashed`, { size: blob.size });
      continue;
    }
    // What this blob's reading counted, so a read that fails partway can count the rest.
    let read = 0;
    const readProgress = (n: number) => {
      read += n;
      progress(n);
    };
    try {
      const layer = layerByDigest.get(descriptor.sha256);
      let actual: Digest;
      if (layer && layer.declaredCompression !== null) {
        const { blobDigest, ...result } = await hashLayer(blob, layer, opts, readProgress);
        actual = blobDigest;
        layerResults.set(descriptor.sha256, result);
      } else if (opts.hashBlob) {
        const hashed = progressOf(readProgress);
        actual = await hashElsewhere(blob, opts, hashed);
        hashed(blob.size);
      } else {
        let last = 0;
        actual = await sha256OfBlob(blob, (n) => {
          opts.signal?.throwIfAborted();
          readProgress(n - last);
          last = n;
        });
      }
      if (actual === descriptor.sha256) finish('verified', 'size and SHA-256 match the descriptor', { digest: actual, size: blob.size });
      else finish('mismatch', `content hashes to ${actual}, not ${descriptor.sha256}`, { digest: actual, size: blob.size });
    } catch (e) {
      if (opts.signal?.aborted) throw e;
      finish('unverified', `could not be read: ${(e as Error).message}`);
      progress(Math.max(0, share.read - read)); // the bar still ends at its total
    }
  }

  for (const layer of image.layers) {
    const expectedDiffId = layer.diffId;
    const base = { index: layer.index, ...(expectedDiffId ? { expectedDiffId } : {}) };
    const computed = layer.descriptor.sha256 ? layerResults.get(layer.descriptor.sha256) : undefined;
    let result: LayerVerification;
    if (!computed) {
      const blobStatus = layer.descriptor.sha256 ? report.blobs.get(layer.descriptor.digest)?.status : undefined;
      const why = layer.declaredCompression === null ? 'not a layer media type; not unpacked'
        : blobStatus === 'missing' ? 'the layer blob is not included in the archive'
        : blobStatus === 'mismatch' ? 'the layer blob has the wrong size; not unpacked'
        : 'the layer blob could not be located';
      result = { ...base, status: blobStatus === 'missing' ? 'missing' : 'unverified', message: why, warnings: [] };
    } else if (!expectedDiffId) {
      result = { ...base, ...computed, status: computed.status === 'mismatch' ? 'mismatch' : 'unverified', message: computed.status === 'mismatch' ? computed.message : 'the config has no valid diff_id for this layer' };
    } else if (computed.status === 'mismatch') {
      result = { ...base, ...computed };
    } else if (computed.actualDiffId === expectedDiffId) {
      result = { ...base, ...computed, status: 'verified', message: 'uncompressed tar hashes to the diff_id in the config' };
    } else {
      result = { ...base, ...computed, status: 'mismatch', message: `uncompressed tar hashes to ${computed.actualDiffId}, but the config's diff_id is ${expectedDiffId}` };
    }
    report.layers.push(result);
    opts.onLayer?.(result);
  }
  return report;
}

/**
 * Turns a hasher's running total into the increments `progress` counts, ending at the blob's size;
 * a total that starts again (a local pass after a helper failed) counts only past the old one.
 */
function progressOf(progress: (n: number) => void) {
  let last = 0;
  return (done: number) => {
    if (done <= last) return;
    progress(done - last);
    last = done;
  };
}

/**
 * The blob's digest from the hash helpers, or from a pass here when a helper failed (crashed, or
 * could not read the blob there): a verdict never depends on a helper staying up. A cancel is
 * passed on to the helper, which then stops reading.
 */
async function hashElsewhere(blob: Blob, opts: VerifyOptions, hashed: (done: number) => void): Promise<Digest> {
  try {
    return await opts.hashBlob!(blob, hashed, opts.signal);
  } catch (error) {
    if (opts.signal?.aborted) throw error;
    return sha256OfBlob(blob, (done) => {
      opts.signal?.throwIfAborted();
      hashed(done);
    });
  }
}

/**
 * One pass over a layer blob: SHA-256 of the compressed bytes (on another core when a hashBlob is
 * given and the blob is compressed) and of the decompressed tar (on another core when a
 * hashStream is given), and
 * (when asked for) the layer's file list read from the same tar bytes. A broken tar only ends
 * the list; the diff_id is still hashed to the end of the stream.
 */
async function hashLayer(blob: Blob, layer: InspectedLayer, opts: VerifyOptions, progress: (n: number) => void) {
  const blobHash = await createSha256();
  let hashedBytes = 0;
  let elsewhere: Promise<Digest> | undefined;
  // Set once the stream is open, before its first byte is read.
  let blobHashedHere = true;
  const stream = await openLayerStream(blob, {
    ...layerStreamOptions(layer, opts),
    onCompressed: (chunk) => {
      hashedBytes += chunk.byteLength;
      if (elsewhere) return;
      if (blobHashedHere) blobHash.update(chunk);
      progress(chunk.byteLength);
    },
  });
  // A compressed blob is hashed by another core, reading it there, while this one decompresses
  // (progress then counts the hasher's bytes). An uncompressed one is read once, here: a second
  // reader of the same bytes doubled the memory the browser held (bench).
  if (opts.hashBlob && stream.compression !== 'none') {
    const hashed = progressOf(progress);
    elsewhere = hashElsewhere(blob, opts, hashed).then((digest) => (hashed(blob.size), digest));
    elsewhere.catch(() => {}); // awaited below, unless this pass is cancelled first
  }
  const warnings = stream.warning ? [stream.warning] : [];
  const plain = stream.compression === 'none'; // the tar is the blob: one hash serves both
  // The tar (for an uncompressed layer, the blob itself) is hashed on another core, handed over
  // as it is read, when there is one; a verdict never depends on that core, though: if it fails,
  // the tar is read and hashed again here (remoteOrHere).
  const remote = opts.hashStream?.(opts.signal);
  blobHashedHere = !(plain && remote);
  const diffHash = plain || remote ? undefined : await createSha256();
  let tarSize = 0;
  const take = async (chunk: Uint8Array) => {
    tarSize += chunk.byteLength;
    const waiting = remote?.update(chunk);
    if (waiting) await waiting;
    diffHash?.update(chunk);
  };
  // Pulled by hand so that the tar reader closing its input early does not close the stream.
  const tar = stream.tar;
  let decodeError: unknown;
  const tarChunks = async function* () {
    for (;;) {
      let next: IteratorResult<Uint8Array>;
      try {
        next = await tar.next();
      } catch (e) {
        decodeError = e;
        throw e;
      }
      if (next.done) return;
      await take(next.value);
      yield next.value;
    }
  };
  try {
    const wanted = opts.listing;
    const listing = wanted && (await listTar(tarChunks(), { where: layerWhere(layer), compression: stream.compression, warning: stream.warning, signal: opts.signal, keepBodies: wanted.keepBodies }));
    if (decodeError) throw decodeError;
    for (let next = await tar.next(); !next.done; next = await tar.next()) await take(next.value);
    if (listing) wanted.onListing(layer, listing);
  } catch (e) {
    remote?.cancel();
    if (opts.signal?.aborted) throw e;
    // Hash the rest of the compressed blob so the blob's own verification still stands (all of
    // it, when its bytes went to the other core, which has stopped); progress counts each byte once.
    if (!elsewhere) {
      let at = blobHashedHere ? hashedBytes : 0;
      for await (const chunk of iterateBlobReusing(blob.slice(at))) {
        opts.signal?.throwIfAborted();
        blobHash.update(chunk);
        const end = at + chunk.byteLength;
        if (end > hashedBytes) progress(end - Math.max(at, hashedBytes));
        at = end;
      }
    }
    const blobDigest = elsewhere ? await elsewhere : blobHash.digest();
    return { blobDigest, status: 'mismatch' as const, compression: stream.compression, message: `could not be decompressed: ${(e as Error).message}`, warnings };
  }
  let blobDigest: Digest;
  try {
    blobDigest = elsewhere ? await elsewhere : blobHashedHere ? blobHash.digest() : await remoteOrHere(remote!, blob, layer, opts);
  } catch (error) {
    remote?.cancel();
    throw error;
  }
  const actualDiffId = plain ? blobDigest : diffHash ? diffHash.digest() : await remoteOrHere(remote!, blob, layer, opts);
  return { blobDigest, actualDiffId, status: 'verified' as const, compression: stream.compression, tarSize, message: '', warnings };
}

/**
 * How verification opens a layer's tar: its declared compression, the size limit, the cancel; its
 * chunks may share one buffer, as each is hashed (or copied for another core) and read by the tar
 * reader, which copies what it keeps, before the next is asked for.
 */
const layerStreamOptions = (layer: InspectedLayer, opts: VerifyOptions) => ({ declared: layer.declaredCompression, maxOutput: opts.maxLayerTarBytes ?? MAX_LAYER_TAR_BYTES, signal: opts.signal, reuseTarChunks: true });

/** The tar's digest from the other core, or (when that failed) from reading the tar again here. */
async function remoteOrHere(remote: RemoteHash, blob: Blob, layer: InspectedLayer, opts: VerifyOptions): Promise<Digest> {
  try {
    return await remote.digest();
  } catch (error) {
    if (opts.signal?.aborted) throw error;
    const again = await openLayerStream(blob, layerStreamOptions(layer, opts));
    const hash = await createSha256();
    for await (const chunk of again.tar) hash.update(chunk);
    return hash.digest();
  }
}

/** Bytes a blob adds to the progress total: what is stored, or what a registry is to send. */
function sizeToRead(ref: BlobRef | undefined, descriptor: ParsedDescriptor): number {
  return ref?.blob?.size ?? (ref?.fetch ? Math.max(descriptor.size, 0) : 0);
}

/** Bytes a blob still to be pulled adds to the progress total for its download. */
function sizeToDownload(ref: BlobRef | undefined, descriptor: ParsedDescriptor): number {
  return ref && !ref.blob && ref.fetch ? Math.max(descriptor.size, 0) : 0;
}

/** Every descriptor with a blob worth checking, deduplicated by digest as written. */
function collectTargets(image: InspectedImage): Map<string, { descriptor: ParsedDescriptor; role: BlobRole }> {
  const targets = new Map<string, { descriptor: ParsedDescriptor; role: BlobRole }>();
  const add = (descriptor: ParsedDescriptor | null | undefined, role: BlobRole) => {
    if (descriptor && descriptor.digest && !targets.has(descriptor.digest)) targets.set(descriptor.digest, { descriptor, role });
  };
  if (image.format === 'docker-save-legacy') add(image.config?.descriptor, 'config');
  else for (const m of image.manifests) add(m.descriptor, m.nestedIndex ? 'index' : (m.descriptor.sha256 && image.blobs.get(m.descriptor.sha256)?.role) || 'manifest');
  add(image.manifest?.parsed.config, 'config');
  for (const layer of image.layers) add(layer.descriptor, layer.declaredCompression === null ? 'other' : 'layer');
  return targets;
}
