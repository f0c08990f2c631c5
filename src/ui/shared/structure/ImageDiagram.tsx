// The image as a diagram, read left to right: the entry point (index.json and/or Docker's
// manifest.json) -> the manifest(s) -> the selected manifest's config and layers. Each box names
// its blob by digest, size and, in the inspector, verification status; in the composer, a box
// whose digest the last edit changed says so, with the old value beside the new.

import { ByteSize } from '../ByteSize.tsx';
import { DigestText } from '../DigestText.tsx';
import { Explainer, SPEC } from '../Explainer.tsx';
import { describeMediaType } from '../../inspect/structure/media-types.ts';
import { VerifyBadge } from '../../inspect/structure/VerifyBadge.tsx';
import type { DiagramBox, DiagramView } from './diagram-view.ts';

function Box({ box }: { box: DiagramBox }) {
  return (
    <div className={`diagram-box${box.selected ? ' is-selected' : ''}${box.changedFrom ? ' is-changed' : ''}`}>
      <div className="diagram-title">
        {box.titleHref ? <a href={box.titleHref}>{box.title}</a> : box.title}
        {box.status && <VerifyBadge status={box.status} />}
        {box.changedFrom && <span className="change-mark change-modified"><span aria-hidden="true">~</span><span className="change-text">changed</span></span>}
      </div>
      {box.mediaType !== undefined && <div className="muted small" title={box.mediaType}>{describeMediaType(box.mediaType).name}</div>}
      {box.digest && (
        <div className="row">
          <DigestText digest={box.digest} href={box.digestHref} />
          {box.size !== undefined && <ByteSize bytes={box.size} />}
        </div>
      )}
      {box.changedFrom && <div className="diagram-was small">was <DigestText digest={box.changedFrom} label={`${box.title} before the edit`} /></div>}
      {box.lines?.map((line) => (
        <div key={line.text} className={line.mono ? 'mono small ellipsis' : 'muted small'} title={line.mono ? line.text : undefined}>
          {line.label && <span className="muted">{line.label} </span>}{line.text}
        </div>
      ))}
    </div>
  );
}

export function ImageDiagram({ diagram, headingId }: { diagram: DiagramView; headingId: string }) {
  return (
    <section className="panel" aria-labelledby={headingId}>
      <div className="panel-head">
        <h2 id={headingId}>How this image is built</h2>
        <Explainer topic="the structure of an image" specHref={SPEC.layout} alignEnd>
          An image is JSON that points to other blobs by digest: an index lists manifests (one per platform), a manifest names one config and the layers in order, and the config says how to run it.
        </Explainer>
      </div>
      <div className="diagram" role="list" aria-label="Image structure">
        <div className="diagram-column" role="listitem">
          <div className="diagram-heading">Entry point</div>
          {diagram.entry.map((box) => <Box key={box.key} box={box} />)}
        </div>
        <div className="diagram-arrow" aria-hidden="true">→</div>
        <div className="diagram-column" role="listitem">
          <div className="diagram-heading">
            Manifest{diagram.manifests.length === 1 ? '' : 's'}{' '}
            <Explainer topic="a manifest" specHref={SPEC.manifest}>A manifest names the config and every layer by digest, size and media type. Its own digest is the image's identity.</Explainer>
          </div>
          {diagram.manifests.length === 0 && <Box box={{ key: 'none', title: 'no manifest', lines: [{ text: diagram.noManifests ?? 'No manifest could be read.' }] }} />}
          {diagram.manifests.map((box) => <Box key={box.key} box={box} />)}
        </div>
        <div className="diagram-arrow" aria-hidden="true">→</div>
        <div className="diagram-column" role="listitem">
          <div className="diagram-heading">
            Config{' '}
            <Explainer topic="a config" specHref={SPEC.config}>The config holds how to run the image (Entrypoint, Cmd, Env, User…), the diff_id of each layer, and the history of how it was built.</Explainer>
          </div>
          <Box box={diagram.config} />
          <div className="diagram-heading">
            Layers ({diagram.layers.length}){' '}
            <Explainer topic="diff_id and digest" specHref={SPEC.layer}>
              A layer's digest is the SHA-256 of the blob as stored (usually compressed); the manifest lists it. Its diff_id is the SHA-256 of the uncompressed tar; the config lists it. They differ because compression changes the bytes, and the same tar can be compressed in many ways.
            </Explainer>
          </div>
          {diagram.layers.map((box) => <Box key={box.key} box={box} />)}
        </div>
      </div>
    </section>
  );
}
