// "Compare with…": what the opened image can be compared with: another archive or OCI layout
// folder, the image being composed, or another platform of this index.

import { useId, useState } from 'react';
import type { ImageView } from '../../../core/inspect/views.ts';
import { FilePickButton, FolderPickButton } from '../../shared/PickButton.tsx';
import { useComposer } from '../../compose/store/index.ts';
import { platformById, platformText } from '../../compose/model/platforms.ts';
import { platformText as manifestPlatform } from '../structure/blob-index.ts';
import { startCompare } from './compare-actions.ts';

export function CompareControls({ view }: { view: ImageView }) {
  const [open, setOpen] = useState(false);
  const id = useId();
  const composed = useComposer((s) => s.image);
  const composition = useComposer((s) => s.composition);
  const activePlatform = useComposer((s) => s.activePlatform);
  const platform = platformById(composition, activePlatform);
  const composedImage = composed?.images[composition.platforms.indexOf(platform)] ?? composed?.images[0];
  const others = view.manifests.filter((m) => m.platform && !m.nestedIndex && !m.attestation && m.descriptor.sha256 && m.descriptor.digest !== view.selected);
  const go = (...args: Parameters<typeof startCompare>) => {
    setOpen(false);
    void startCompare(...args);
  };
  return (
    <div className="compare-controls">
      <button type="button" aria-expanded={open} aria-controls={id} onClick={() => setOpen(!open)}>Compare with…</button>
      {open && (
        <div id={id} className="compare-options" role="group" aria-label="Compare with">
          <FilePickButton label="Compare with an archive" onFile={(file) => go({ kind: 'archive', input: file, name: file.name }, file.name)}>
            Another archive…
          </FilePickButton>
          <FolderPickButton label="Compare with an OCI layout folder" onFolder={(files, name) => go({ kind: 'archive', input: files, name }, name)}>
            An OCI layout folder…
          </FolderPickButton>
          <button type="button" disabled={!composedImage} title={composedImage ? undefined : 'The composer has no built image yet'}
            onClick={() => composedImage && go({ kind: 'image', image: composedImage, label: `the composed ${composition.name}` }, `the image in the composer (${composition.name}, ${platformText(platform)})`)}>
            The image in the composer
          </button>
          {others.map((m) => (
            <button key={m.descriptor.digest} type="button" onClick={() => go({ kind: 'platform', manifest: m.descriptor.sha256!, label: manifestPlatform(m.platform!) }, `${manifestPlatform(m.platform!)} of this index`)}>
              {manifestPlatform(m.platform!)} of this index
            </button>
          ))}
        </div>
      )}
    </div>
  );
}
