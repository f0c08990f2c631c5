// "Do it yourself" for the opened archive: the commands that check its selected image by hand.

import { useMemo } from 'react';
import { diyCommands, unpackedFolder } from '../../../core/formats/diy-commands.ts';
import type { ImageView } from '../../../core/inspect/views.ts';
import { DoItYourself } from '../../shared/DoItYourself.tsx';
import { inspectedDiy } from './inspected-diy.ts';

export function InspectedDiy({ view }: { view: ImageView }) {
  const image = useMemo(() => inspectedDiy(view), [view]);
  const where = image.kind === 'folder' ? `In the folder that holds ${image.archiveName}:` : `In the folder that holds ${image.archiveName} (it is unpacked into ${unpackedFolder(image)}):`;
  return <DoItYourself commands={diyCommands(image)} where={where} />;
}
