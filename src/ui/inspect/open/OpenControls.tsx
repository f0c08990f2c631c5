// The two ways in besides dropping: pick an archive file (tar, zip, docker save, oci-archive) or
// pick an OCI layout folder. The file input's label is a test contract: "Open image archive".

import { canPickFolders } from '../../shared/capabilities.ts';
import { openArchive } from '../actions.ts';
import { folderFromInput } from './dropped-input.ts';

export function OpenControls({ primary }: { primary?: boolean }) {
  return (
    <div className="row open-controls">
      <label className={`button file-button${primary ? ' primary' : ''}`}>
        Open image archive
        <input
          type="file"
          aria-label="Open image archive"
          onChange={(e) => {
            const file = e.currentTarget.files?.[0];
            e.currentTarget.value = '';
            if (file) void openArchive(file, file.name);
          }}
        />
      </label>
      {canPickFolders && <label className="button file-button">
        Open OCI layout folder
        <input
          type="file"
          aria-label="Open OCI layout folder"
          ref={(el) => el?.setAttribute('webkitdirectory', '')}
          onChange={(e) => {
            const picked = e.currentTarget.files && folderFromInput(e.currentTarget.files);
            e.currentTarget.value = '';
            if (picked?.kind === 'folder') void openArchive(picked.files, picked.name);
          }}
        />
      </label>}
    </div>
  );
}
