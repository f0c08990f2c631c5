// A button that opens the browser's file picker: one file (an archive), or a folder's files with
// their relative paths (an OCI layout directory). The input's accessible label is what tests and
// screen readers name it by; the picker is reset after each pick so the same file can be picked again.

import type { ReactNode } from 'react';
import type { FolderFile } from '../../core/formats/folder/read.ts';
import { canPickFolders } from './capabilities.ts';
import { folderFromInput } from './picked-input.ts';

interface PickButtonProps {
  children: ReactNode;
  /** The file input's accessible name. */
  label: string;
  primary?: boolean;
}

export function FilePickButton({ onFile, ...props }: PickButtonProps & { onFile(file: File): void }) {
  return <Picker {...props} onPick={(files) => files[0] && onFile(files[0])} />;
}

/** Nothing where the browser cannot pick folders (the same input would pick loose files). */
export function FolderPickButton({ onFolder, ...props }: PickButtonProps & { onFolder(files: FolderFile[], name: string): void }) {
  if (!canPickFolders) return null;
  return (
    <Picker
      {...props}
      folder
      onPick={(files) => {
        const picked = folderFromInput(files);
        if (picked?.kind === 'folder') onFolder(picked.files, picked.name);
      }}
    />
  );
}

function Picker({ children, label, primary, folder, onPick }: PickButtonProps & { folder?: boolean; onPick(files: File[]): void }) {
  return (
    <label className={`button file-button${primary ? ' primary' : ''}`}>
      {children}
      <input
        type="file"
        aria-label={label}
        ref={(el) => {
          if (folder) el?.setAttribute('webkitdirectory', '');
        }}
        onChange={(e) => {
          const files = [...(e.currentTarget.files ?? [])];
          e.currentTarget.value = '';
          if (files.length > 0) onPick(files);
        }}
      />
    </label>
  );
}
