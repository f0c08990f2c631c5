// The two ways in besides dropping: pick an archive file (tar, zip, docker save, oci-archive) or
// pick an OCI layout folder. The file input's label is a test contract: "Open image archive".

import { openArchive } from '../actions.ts';
import { FilePickButton, FolderPickButton } from '../../shared/PickButton.tsx';

export function OpenControls({ primary }: { primary?: boolean }) {
  return (
    <div className="row open-controls">
      <FilePickButton label="Open image archive" primary={primary} onFile={(file) => void openArchive(file, file.name)}>
        Open image archive
      </FilePickButton>
      <FolderPickButton label="Open OCI layout folder" onFolder={(files, name) => void openArchive(files, name)}>
        Open OCI layout folder
      </FolderPickButton>
    </div>
  );
}
