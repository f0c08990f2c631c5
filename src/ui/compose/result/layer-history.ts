// Each layer's history text from a config: history entries that created a layer pair with the
// layers in order (entries marked empty_layer, such as ENV or CMD, created none).

import type { ImageConfig } from '../../../core/oci/types.ts';

export function layerHistory(config: ImageConfig): (string | undefined)[] {
  return (config.history ?? []).filter((h) => !h.empty_layer).map((h) => h.created_by);
}
