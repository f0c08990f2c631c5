// "Do it yourself" for the image being composed, as the image tar download holds it.

import { useMemo } from 'react';
import { diyCommands, diyOfIndex } from '../../../core/formats/diy-commands.ts';
import { DoItYourself } from '../../shared/DoItYourself.tsx';
import { tarFileName } from '../fields/download-name.ts';
import { useComposer } from '../store/index.ts';
import { selectImage, selectName, selectPlatforms, selectView } from '../store/selectors.ts';

export function ComposedDiy() {
  const image = useComposer(selectImage);
  const name = useComposer(selectName);
  const platforms = useComposer(selectPlatforms);
  const view = useComposer(selectView);
  const active = Math.max(0, platforms.indexOf(view.platform));
  const commands = useMemo(() => image && diyCommands(diyOfIndex(image, active, tarFileName(name))), [image, active, name]);
  if (!commands) return null;
  return <DoItYourself commands={commands} where={`Download the image tar (${tarFileName(name)}), then in the folder it is in:`} />;
}
