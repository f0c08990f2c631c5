// Pairing a manifest's layers with the config: `rootfs.diff_ids[i]` belongs to `layers[i]`, and
// history entries without `empty_layer` pair with layers in order (empty ones are kept apart).
// Mismatched counts and non-layer media types are flagged, never silently realigned.

import { layerCompressionOf } from '../oci/media-types.ts';
import type { ParsedConfig } from '../oci/parse-config.ts';
import type { ParsedDescriptor } from '../oci/parse.ts';
import type { InspectedImage, InspectedLayer } from './reading.ts';
import { error, warning, type ProblemSink } from '../problem.ts';

export function pairLayers(
  descriptors: readonly ParsedDescriptor[],
  config: ParsedConfig | undefined,
  where: string,
  problems: ProblemSink,
): Pick<InspectedImage, 'layers' | 'emptyHistory'> {
  const layers: InspectedLayer[] = descriptors.map((descriptor, index) => {
    const declaredCompression = layerCompressionOf(descriptor.mediaType);
    if (declaredCompression === null) {
      warning(problems, `${where} layers[${index}]`, `media type ${JSON.stringify(descriptor.mediaType)} is not a layer type; shown as an opaque blob, not unpacked`);
    }
    const diffId = config?.diffIds[index] ?? undefined;
    return { index, descriptor, declaredCompression, ...(diffId ? { diffId } : {}) };
  });
  const emptyHistory: InspectedImage['emptyHistory'] = [];
  if (!config) return { layers, emptyHistory };

  if (config.diffIds.length !== descriptors.length) {
    error(problems, where, `has ${descriptors.length} layers but the config lists ${config.diffIds.length} diff_ids; ${descriptors.length > config.diffIds.length ? 'the extra layers cannot be verified' : 'the extra diff_ids name no layer'}`);
  }
  let next = 0;
  config.history.forEach((h, index) => {
    if (h.empty_layer) {
      emptyHistory.push({ index, createdBy: h.created_by, created: h.created });
      return;
    }
    const layer = layers[next++];
    if (layer) layer.history = { index, created: h.created, createdBy: h.created_by, comment: h.comment, author: h.author };
  });
  if (config.history.length > 0 && next !== layers.length) {
    warning(problems, where, `config history has ${next} entries that created a layer, but the image has ${layers.length} layers; history is paired in order as far as it goes`);
  }
  return { layers, emptyHistory };
}
