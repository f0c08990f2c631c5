// The platforms one composition builds for: each one image of the index, with its os,
// architecture and variant. Common platforms are offered; an ELF binary whose machine disagrees
// with its platform is flagged on that platform's row.

import { useState } from 'react';
import { platformText } from '../model/platforms.ts';
import { toImageSpec } from '../model/to-spec.ts';
import { useComposer } from '../store/index.ts';
import { selectComposition } from '../store/selectors.ts';
import { ElfCheck } from './ElfCheck.tsx';

const ARCHITECTURES = ['amd64', 'arm64', 'arm', '386', 'ppc64le', 's390x', 'riscv64'];
const COMMON_PLATFORMS = [
  { os: 'linux', architecture: 'amd64', variant: '' },
  { os: 'linux', architecture: 'arm64', variant: '' },
  { os: 'linux', architecture: 'arm', variant: 'v7' },
  { os: 'linux', architecture: 'arm', variant: 'v6' },
  { os: 'linux', architecture: '386', variant: '' },
  { os: 'linux', architecture: 'ppc64le', variant: '' },
  { os: 'linux', architecture: 's390x', variant: '' },
  { os: 'linux', architecture: 'riscv64', variant: '' },
];

export function PlatformsEditor() {
  const composition = useComposer(selectComposition);
  const { setPlatform, addPlatform, removePlatform } = useComposer.getState();
  const taken = new Set(composition.platforms.map(platformText));
  const offered = COMMON_PLATFORMS.filter((p) => !taken.has(platformText(p)));
  const [choice, setChoice] = useState('');
  const add = () => {
    const picked = offered.find((p) => platformText(p) === choice) ?? offered[0];
    if (picked) addPlatform(picked);
    setChoice('');
  };
  return (
    <fieldset className="platforms" id="field-platform">
      <legend>Platform{composition.platforms.length > 1 ? 's' : ''}</legend>
      <datalist id="architectures">{ARCHITECTURES.map((a) => <option key={a} value={a} />)}</datalist>
      {composition.platforms.map((p) => {
        const problems = toImageSpec(composition, p.id).problems.platform ?? [];
        return (
          <div key={p.id} className="platform-row" role="group" aria-label={platformText(p) || 'new platform'}>
            {composition.platforms.length > 1 && <span className="platform-name" aria-hidden="true">{platformText(p) || 'new platform'}</span>}
            <label className="inline-field">
              <span>OS</span>
              <input className="mono" value={p.os} onChange={(e) => setPlatform(p.id, { os: e.target.value })} />
            </label>
            <label className="inline-field">
              <span>Architecture</span>
              <input className="mono" list="architectures" value={p.architecture} onChange={(e) => setPlatform(p.id, { architecture: e.target.value })} />
            </label>
            <label className="inline-field">
              <span>Variant</span>
              <input className="mono narrow" value={p.variant} placeholder="v7, v8" onChange={(e) => setPlatform(p.id, { variant: e.target.value })} />
            </label>
            {composition.platforms.length > 1 && (
              <button type="button" className="icon-button danger" aria-label={`Remove platform ${platformText(p)}`} onClick={() => removePlatform(p.id)}>✕</button>
            )}
            {problems.map((problem, i) => <p key={i} className="field-problem error">✕ {problem.message}</p>)}
            <ElfCheck platformId={p.id} />
          </div>
        );
      })}
      {offered.length > 0 && (
        <div className="row">
          <select aria-label="Platform to add" value={choice || platformText(offered[0])} onChange={(e) => setChoice(e.target.value)}>
            {offered.map((p) => <option key={platformText(p)} value={platformText(p)}>{platformText(p)}</option>)}
          </select>
          <button type="button" onClick={add}>Add platform</button>
        </div>
      )}
    </fieldset>
  );
}
