// The structure diagram the inspector has, for the image being composed: the active platform's
// manifest, config and layers, with the digests the last edit changed marked for a few seconds.

import { useMemo } from 'react';
import { ImageDiagram } from '../../shared/structure/ImageDiagram.tsx';
import { useComposer } from '../store/index.ts';
import { selectImage, selectPlatforms, selectView } from '../store/selectors.ts';
import { MARK_MS, useChanges } from './changes-store.ts';
import { composedDiagram } from './composed-diagram.ts';
import { useRecent } from './use-recent.ts';

export function ComposedDiagram() {
  const image = useComposer(selectImage);
  const platforms = useComposer(selectPlatforms);
  const view = useComposer(selectView);
  const { changes, at } = useChanges();
  const recent = useRecent(at, MARK_MS);
  const active = Math.max(0, platforms.indexOf(view.platform));
  const diagram = useMemo(
    () => image && composedDiagram(image, active, new Map(recent ? changes.map((c) => [c.key, c]) : [])),
    [image, active, changes, recent],
  );
  if (!diagram) return null;
  return <ImageDiagram diagram={diagram} headingId="composed-diagram-heading" />;
}
