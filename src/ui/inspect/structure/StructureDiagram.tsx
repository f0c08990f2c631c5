// The opened image as a diagram (the shared ImageDiagram over inspected-diagram's plain view):
// entry point -> manifest(s) -> config and layers, each blob with its verification status.

import type { ImageView } from '../../../core/inspect/views.ts';
import { ImageDiagram } from '../../shared/structure/ImageDiagram.tsx';
import { useInspector } from '../store.ts';
import { inspectedDiagram } from './inspected-diagram.ts';

export function StructureDiagram({ view }: { view: ImageView }) {
  const results = useInspector((s) => s.verify.blobs);
  return <ImageDiagram diagram={inspectedDiagram(view, results)} headingId="diagram-heading" />;
}
