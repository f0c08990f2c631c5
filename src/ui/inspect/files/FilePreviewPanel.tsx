// The chosen file: its `tar -tv` line, where a link leads inside the image, and its content as
// text, an image or a hex view; plus a download of that one file.

import { useEffect, useMemo } from 'react';
import { closePreview, downloadFile } from '../actions.ts';
import { useInspector } from '../store.ts';
import { HexView } from './HexView.tsx';
import { TarHeaderToggle } from '../../shared/tar/TarHeaderToggle.tsx';
import { anatomyInWorker } from '../../../worker/inspect-client.ts';

export function FilePreviewPanel() {
  const { request, status, data, error } = useInspector((s) => s.preview);
  const imageUrl = useMemo(() => (data?.content.kind === 'image' ? URL.createObjectURL(data.content.blob) : undefined), [data]);
  useEffect(() => () => {
    if (imageUrl) URL.revokeObjectURL(imageUrl);
  }, [imageUrl]);
  if (!request) return <p className="muted preview-hint">Choose a file to preview it.</p>;
  const content = data?.content;
  return (
    <section className="file-preview" aria-label="File preview">
      <div className="preview-head">
        <h3 className="mono ellipsis">/{request.path} <span className="layer-tag">L{request.layer + 1}</span></h3>
        <div className="row">
          {data?.downloadable && <button type="button" onClick={() => void downloadFile(request)}>Download file</button>}
          <button type="button" onClick={closePreview}>Close</button>
        </div>
      </div>
      {status === 'running' && <p className="muted">Reading /{request.path} from the layer…</p>}
      {error && <p className="notice notice-error" role="alert">{error}</p>}
      {data && (
        <>
          <p className="mono small tv-line">{data.tv.mode} {data.tv.owner} {data.tv.size} {data.tv.mtime} {data.tv.name}{data.tv.link}</p>
          <TarHeaderToggle key={`${request.layer}:${request.path}`} load={(signal) => anatomyInWorker(request, signal)} />
          {data.resolved && (
            <p className="small">
              Resolves inside the image to <code>/{data.resolved.path}</code> from L{data.resolved.layer + 1} ({data.resolved.hops} link{data.resolved.hops === 1 ? '' : 's'} followed)
              {data.resolved.clamped && <> — its target climbs above the image root with <code>..</code>, which stays at the root, as in a container</>}.
            </p>
          )}
          {data.error && <p className="blob-problem small" role="alert">{data.error}</p>}
          {content?.kind === 'text' && (
            <>
              <pre className="text-preview" aria-label="Text preview" tabIndex={0}>{content.text}</pre>
              {content.truncated && <p className="muted small">Only the beginning is shown; download the file for all of it.</p>}
            </>
          )}
          {content?.kind === 'image' && imageUrl && <img className="image-preview" src={imageUrl} alt={`Preview of /${data.path}`} />}
          {content?.kind === 'binary' && (
            <>
              <HexView bytes={content.bytes} label="Hex view" />
              {content.truncated && <p className="muted small">The hex view shows the first {content.bytes.length.toLocaleString('en')} bytes.</p>}
            </>
          )}
          {content?.kind === 'none' && <p className="muted">{content.note}</p>}
        </>
      )}
    </section>
  );
}
