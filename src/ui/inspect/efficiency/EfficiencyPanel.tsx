// dive's efficiency for the opened image: the score as dive prints it (a percentage with two
// decimals), the wasted bytes exactly, the share of the bytes above the base layer they make up,
// and dive's list of inefficient files, largest first. Computed in the worker (core/fs/efficiency).

import type { EfficiencyReport } from '../../../core/fs/efficiency.ts';
import { ByteSize } from '../../shared/ByteSize.tsx';
import { Explainer } from '../../shared/Explainer.tsx';
import { exactBytes } from '../../shared/format.ts';
import './efficiency.css';

const DIVE = 'https://github.com/wagoodman/dive#ci-integration';
const SHOWN = 50;

const percent = (ratio: number) => `${(ratio * 100).toFixed(2)} %`;

export function EfficiencyPanel({ report }: { report: EfficiencyReport }) {
  return (
    <section className="panel efficiency" aria-labelledby="efficiency-heading">
      <div className="panel-head">
        <h2 id="efficiency-heading">Efficiency</h2>
        <Explainer topic="dive's efficiency score" specHref={DIVE} alignEnd>
          As dive computes it: every path each layer holds is counted with its size; a path held by several layers is inefficient, and all its copies are wasted bytes. The score is the bytes you would need (each path's smallest copy) over the bytes shipped. Unlike “Wasted space”, it counts the copy you see too.
        </Explainer>
      </div>
      <dl className="facts efficiency-facts">
        <dt>efficiency</dt>
        <dd className="efficiency-score">{percent(report.score)}</dd>
        <dt>wasted bytes</dt>
        <dd className="efficiency-wasted">{exactBytes(report.wastedBytes)} (<ByteSize bytes={report.wastedBytes} />)</dd>
        <dt>user wasted</dt>
        <dd>{report.wastedUserRatio === null ? 'no layers above the first' : `${percent(report.wastedUserRatio)} of the ${exactBytes(report.userSizeBytes)} above the first layer`}</dd>
      </dl>
      {report.notes.map((note) => <p key={note} className="muted small">{note}</p>)}
      {report.inefficientCount === 0 ? (
        <p className="muted small">No path is held by more than one layer.</p>
      ) : (
        <table className="plain-table efficiency-files">
          <caption className="muted small">Inefficient files ({report.inefficientCount}{report.inefficientCount > SHOWN ? `, largest ${SHOWN} shown` : ''})</caption>
          <thead><tr><th scope="col">count</th><th scope="col">wasted</th><th scope="col">path</th></tr></thead>
          <tbody>
            {report.inefficientFiles.slice(0, SHOWN).map((f) => (
              <tr key={f.path}><td>{f.count}</td><td><ByteSize bytes={f.bytes} /></td><td className="mono">{f.path}</td></tr>
            ))}
          </tbody>
        </table>
      )}
    </section>
  );
}
