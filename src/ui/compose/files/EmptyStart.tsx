// What an empty composer says first: how to add files, and the starting points right here (a
// static binary, a text example, an image archive to edit, or the inspector for an archive).

import { FilePickButton } from '../../shared/PickButton.tsx';
import { startFromBase } from '../base-loader.ts';
import { starter } from '../starters.ts';
import { useComposer } from '../store/index.ts';

export function EmptyStart() {
  const { replaceComposition, notify } = useComposer.getState();
  const edit = (file: File) =>
    startFromBase(file, file.name).catch((error: Error) => error.name !== 'AbortError' && notify('error', error.message));
  return (
    <div className="empty empty-start">
      <p><strong>Start by adding files:</strong> drop files or folders here, or use “Add files”.</p>
      <p className="muted">Binaries and #! scripts become executable (0755) automatically.</p>
      <p className="muted">Or begin from a starting point:</p>
      <div className="row start-points">
        <button type="button" onClick={() => replaceComposition(starter('static-binary'))}>Start with a static binary</button>
        <button type="button" onClick={() => replaceComposition(starter('text-example'))}>Try the text example</button>
        <FilePickButton label="Edit an image archive" onFile={(file) => void edit(file)}>Edit an image archive…</FilePickButton>
        <a className="button" href="#inspect">Inspect an archive</a>
      </div>
    </div>
  );
}
