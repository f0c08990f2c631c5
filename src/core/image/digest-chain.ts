// The digest chain of one image between two builds, step by step, each step saying in one
// sentence why it changed or did not: a file edit changes one layer's tar and so everything that
// names it, an Env edit changes only the config and what names it, recompressing changes layer
// digests but never diff_ids. Judged from the two models alone (digests, parsed documents) and
// from which files the person edited, which only the composer knows.

import type { ImageIndex } from './model.ts';
import { changedConfigFields } from './digest-changes.ts';
import { layerCompressionOf } from '../oci/media-types.ts';

export type ChainStepId = 'files' | 'tar' | 'diff_id' | 'compression' | 'layer digest' | 'config' | 'manifest' | 'index';

export interface ChainStep {
  id: ChainStepId;
  title: string;
  /** What this link of the chain is, whatever happened. */
  what: string;
  /** Null when there is no earlier build to compare with. */
  changed: boolean | null;
  why: string;
}

/** Files the person changed, by layer (its position in the whole stack). */
export interface EditedFiles {
  layer: number;
  paths: string[];
}

const WHAT: Record<ChainStepId, [string, string]> = {
  files: ['File bytes', 'The files and folders of each layer, with their metadata.'],
  tar: ['Layer tar', 'Each layer is one tar archive of its files.'],
  diff_id: ['diff_id', 'The SHA-256 of a layer\'s uncompressed tar; the config lists them.'],
  compression: ['Compression', 'Each tar is compressed into the layer blob.'],
  'layer digest': ['Layer digest', 'The SHA-256 of the compressed blob; the manifest lists them.'],
  config: ['Config', 'How to run the image, plus the diff_ids; named by its own SHA-256.'],
  manifest: ['Manifest', 'Names the config and every layer blob by digest; its digest is the image\'s.'],
  index: ['Index', 'index.json names the manifest (or an image index naming one per platform).'],
};

const names = (layers: number[]) => {
  const tags = layers.map((i) => `L${i + 1}`);
  return tags.length <= 1 ? tags.join('') : `${tags.slice(0, -1).join(', ')} and ${tags[tags.length - 1]}`;
};
const listed = (items: string[], max = 3) => (items.length <= max ? items.join(', ') : `${items.slice(0, max).join(', ')} and ${items.length - max} more`);
const compressionName = (mediaType: string) => ({ gzip: 'gzip', zstd: 'zstd', none: 'uncompressed' })[layerCompressionOf(mediaType) ?? 'none'];

function step(id: ChainStepId, changed: boolean | null, why: string): ChainStep {
  return { id, title: WHAT[id][0], what: WHAT[id][1], changed, why };
}

/**
 * The chain of image `platform` (its position in the index) from `before` to `after`; `edited`
 * says which files changed in which layer. Without `before` every step is only described.
 */
export function explainChain(before: ImageIndex | undefined, after: ImageIndex, platform: number, edited: EditedFiles[] = []): ChainStep[] {
  const a = after.images[platform] ?? after.images[0];
  const b = before && (before.images[platform] ?? before.images[0]);
  if (!b) {
    return (Object.keys(WHAT) as ChainStepId[]).map((id) => step(id, null, 'Edit a file or a setting to see which links change, and why.'));
  }
  const count = Math.max(a.layers.length, b.layers.length);
  const all = Array.from({ length: count }, (_, i) => i);
  const tarChanged = all.filter((i) => a.layers[i]?.diffId !== b.layers[i]?.diffId);
  const digestChanged = all.filter((i) => a.layers[i]?.descriptor.digest !== b.layers[i]?.descriptor.digest);
  const recompressed = digestChanged.filter((i) => !tarChanged.includes(i));
  const fields = changedConfigFields(b.config.value, a.config.value);
  const configChanged = a.config.descriptor.digest !== b.config.descriptor.digest;
  const editedPaths = edited.flatMap((e) => e.paths);
  const added = all.filter((i) => !b.layers[i]);
  const removed = all.filter((i) => !a.layers[i]);

  const files = editedPaths.length > 0
    ? step('files', true, `You changed ${listed(editedPaths.map((p) => `/${p}`))} in ${names([...new Set(edited.map((e) => e.layer))])}.`)
    : tarChanged.length > 0
      ? step('files', false, fields.includes('created') ? 'No file was edited, but every entry\'s mtime is the image\'s created time, which changed.' : 'No file was edited here.')
      : step('files', false, 'No file changed.');

  const unchangedLayers = all.filter((i) => !tarChanged.includes(i) && a.layers[i]);
  const tar = tarChanged.length > 0
    ? step('tar', true, `${names(tarChanged)} ${tarChanged.length === 1 ? 'has' : 'have'} a new tar${added.length ? ` (${names(added)} new)` : ''}${removed.length ? ` (${names(removed)} gone)` : ''}${unchangedLayers.length ? `; ${names(unchangedLayers)} kept every byte` : ''}.`)
    : step('tar', false, `No tar changed: ${fields.length > 0 ? `a config edit (${listed(fields)}) leaves every layer untouched` : 'nothing in any layer changed'}.`);

  const diffId = tarChanged.length > 0
    ? step('diff_id', true, `${names(tarChanged)}'s diff_id changed: it is the SHA-256 of that tar, and the tar changed.`)
    : step('diff_id', false, `No diff_id changed: each is the SHA-256 of a tar, and no tar changed${recompressed.length ? ' (recompressing changes compressed bytes, never the tar)' : ''}.`);

  const recompressedText = recompressed.map((i) => `${names([i])} ${compressionName(b.layers[i].descriptor.mediaType)} → ${compressionName(a.layers[i].descriptor.mediaType)}`);
  const compression = recompressed.length > 0
    ? step('compression', true, `Recompressed (${listed(recompressedText)}): the same tar, so the same diff_id, but different compressed bytes.`)
    : digestChanged.length > 0
      ? step('compression', true, `${names(digestChanged)} ${digestChanged.length === 1 ? 'was' : 'were'} compressed again, because ${digestChanged.length === 1 ? 'its tar' : 'their tars'} changed.`)
      : step('compression', false, 'Nothing was compressed again: every layer blob is the one built before.');

  const layerDigest = digestChanged.length > 0
    ? step('layer digest', true, `${names(digestChanged)}'s digest changed: it is the SHA-256 of the compressed blob${recompressed.length ? ', which recompressing changes even when the diff_id does not' : ''}.`)
    : step('layer digest', false, 'No layer digest changed: the blobs are byte for byte the ones before.');

  const configWhy = [
    ...(tarChanged.length > 0 ? [`it lists the diff_ids, and ${names(tarChanged)}'s changed`] : []),
    ...(fields.length > 0 ? [`${listed(fields)} changed`] : []),
  ];
  const config = configChanged
    ? step('config', true, `The config changed: ${configWhy.length ? configWhy.join(', and ') : 'its bytes differ'}.`)
    : step('config', false, `The config is byte for byte the same: it lists diff_ids, not digests${recompressed.length ? ', so recompressing leaves it alone' : ''}, and no setting changed.`);

  const manifestWhy = [
    ...(configChanged ? ['the config\'s digest'] : []),
    ...(digestChanged.length > 0 ? [`${names(digestChanged)}'s digest`] : []),
    ...(JSON.stringify(a.manifest.value.annotations) !== JSON.stringify(b.manifest.value.annotations) ? ['its annotations'] : []),
  ];
  const manifestChanged = a.manifest.descriptor.digest !== b.manifest.descriptor.digest;
  const manifest = manifestChanged
    ? step('manifest', true, `The manifest changed: it holds ${manifestWhy.length ? listed(manifestWhy) : 'bytes'} that changed.`)
    : step('manifest', false, 'The manifest is the same: the config and every layer blob it names are the same.');

  const indexChanged = after.index.descriptor.digest !== before.index.descriptor.digest;
  const several = after.imageIndex !== undefined;
  const index = indexChanged
    ? step('index', true, several
      ? `The image index changed: it names each platform's manifest by digest${manifestChanged ? ', and this one changed' : ''}; index.json names the image index.`
      : `index.json changed: it names the manifest by its digest${manifestChanged ? ', which changed' : ', and the image\'s name changed'}.`)
    : step('index', false, `index.json is the same: it names the same ${several ? 'image index' : 'manifest'}.`);

  // The compression link is named after what the layers use now (gzip for most images).
  const used = [...new Set(a.layers.map((l) => compressionName(l.descriptor.mediaType)))];
  if (used.length === 1 && used[0] !== 'uncompressed') compression.title = used[0];
  return [files, tar, diffId, compression, layerDigest, config, manifest, index];
}
