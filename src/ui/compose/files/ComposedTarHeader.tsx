// "Show tar header" for the entry selected in the composer: its bytes as the built layer holds
// them (the layer it comes from, of the active platform's image; the one layer when squashed),
// read again after every build.

import type { MergedNode } from '../../../core/fs/merge.ts';
import { layerAnatomyInWorker } from '../../../worker/client.ts';
import { TarHeaderToggle } from '../../shared/tar/TarHeaderToggle.tsx';
import { useComposer } from '../store/index.ts';
import { selectBuildStatus, selectImage, selectOutput, selectPlatforms, selectView } from '../store/selectors.ts';

export function ComposedTarHeader({ path, node }: { path: string; node: MergedNode | undefined }) {
  const image = useComposer(selectImage);
  const status = useComposer(selectBuildStatus);
  const platforms = useComposer(selectPlatforms);
  const view = useComposer(selectView);
  const output = useComposer(selectOutput);
  const built = image?.images[platforms.indexOf(view.platform)] ?? image?.images[0];
  const layer = built && node && node.layer >= 0 ? built.layers[output.squash ? 0 : node.layer] : undefined;
  const ready = status === 'ready' && layer !== undefined;
  return (
    <TarHeaderToggle
      load={ready ? () => layerAnatomyInWorker(layer, path) : null}
      unavailable={ready ? undefined : 'The tar header shows once the image is built.'}
      version={layer?.descriptor.digest}
    />
  );
}
