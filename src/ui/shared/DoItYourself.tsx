// "Do it yourself": the shell commands that check the image with standard tools, each with a copy
// button and, for the hashing ones, the exact line it prints, so the page can be checked against
// sha256sum, gzip, tar, jq, skopeo, umoci and docker.

import type { DiyCommand } from '../../core/formats/diy-commands.ts';
import { CopyButton } from './DigestText.tsx';
import { Explainer } from './Explainer.tsx';
import './diy.css';

const GROUPS: { group: DiyCommand['group']; title: string }[] = [
  { group: 'compute', title: 'Compute every digest yourself' },
  { group: 'tools', title: 'Check it with the tools' },
];

export function DoItYourself({ commands, where }: { commands: DiyCommand[]; where: string }) {
  return (
    <section className="panel diy" aria-labelledby="diy-heading">
      <div className="panel-head">
        <h2 id="diy-heading">Do it yourself</h2>
        <Explainer topic="checking an image yourself" specHref="https://github.com/opencontainers/image-spec/blob/v1.1.0/descriptor.md#digests" alignEnd>
          Nothing here needs Layerpad: a digest is sha256sum of the bytes, a diff_id is sha256sum of the decompressed layer. Run these in a terminal and compare with what the page shows.
        </Explainer>
      </div>
      <p className="muted small">{where}</p>
      {GROUPS.map(({ group, title }) => (
        <div key={group}>
          <h3>{title}</h3>
          <ol className="diy-list">
            {commands.filter((c) => c.group === group).map((c) => (
              <li key={c.command}>
                <span className="small">{c.title}</span>
                <span className="diy-command">
                  <code className="diy-code">{c.command}</code>
                  <CopyButton value={c.command} what="command" />
                </span>
                {c.prints && <span className="muted small">prints <code className="diy-prints">{c.prints}</code></span>}
              </li>
            ))}
          </ol>
        </div>
      ))}
    </section>
  );
}
