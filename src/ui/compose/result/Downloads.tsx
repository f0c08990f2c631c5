// The two downloads. The worker writes the archive from the built image (no rebuild); the UI only
// hands the resulting Blob to the browser under a name that follows the image name.

import { useState } from 'react';
import { writeTarInWorker, writeZipInWorker } from '../../../worker/client.ts';
import { tarFileName, zipFileName } from '../fields/download-name.ts';
import { useComposer } from '../store/index.ts';
import { selectBuildStatus, selectImage, selectName } from '../store/selectors.ts';
import { saveBlob } from '../../shared/save-blob.ts';

export function Downloads() {
  const image = useComposer(selectImage);
  const status = useComposer(selectBuildStatus);
  const name = useComposer(selectName);
  const [busy, setBusy] = useState<string | null>(null);
  const [percent, setPercent] = useState<number | null>(null);
  const ready = image !== null && status === 'ready' && busy === null;

  const run = async (kind: 'zip' | 'tar') => {
    if (!image) return;
    setBusy(kind);
    setPercent(null);
    try {
      const onProgress = ({ done, total }: { done: number; total: number }) => setPercent(total > 0 ? Math.floor((done / total) * 100) : null);
      const blob = kind === 'zip' ? await writeZipInWorker(image, onProgress) : await writeTarInWorker(image);
      saveBlob(blob, kind === 'zip' ? zipFileName(name) : tarFileName(name));
    } catch (error) {
      useComposer.getState().notify('error', `Could not write the ${kind === 'zip' ? 'OCI layout zip' : 'image tar'}: ${(error as Error).message}`);
    } finally {
      setBusy(null);
    }
  };

  return (
    <div className="downloads">
      <button type="button" className="primary" disabled={!ready} onClick={() => run('zip')} title={zipFileName(name)}>
        Download OCI layout (.zip)
      </button>
      <button type="button" className="primary" disabled={!ready} onClick={() => run('tar')} title={`${tarFileName(name)} — docker load, podman load, skopeo`}>
        Download image tar
      </button>
      {busy && (
        <span className="muted" role="status">
          Writing {busy === 'zip' ? zipFileName(name) : tarFileName(name)}…{percent !== null && ` ${percent} % (a zip needs a CRC-32 of every blob)`}
        </span>
      )}
    </div>
  );
}
