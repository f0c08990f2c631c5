// Permission bits as nine rwx checkboxes plus an octal field; both edit the same number.

import { useEffect, useState } from 'react';
import { octalMode } from '../../shared/format.ts';

const WHO = ['Owner', 'Group', 'Others'] as const;
const WHAT = [
  ['r', 'read', 4],
  ['w', 'write', 2],
  ['x', 'execute', 1],
] as const;

export function ModeEditor({ mode, onChange }: { mode: number; onChange(mode: number): void }) {
  const [octal, setOctal] = useState(octalMode(mode));
  const [error, setError] = useState<string | null>(null);
  useEffect(() => {
    setOctal(octalMode(mode));
    setError(null);
  }, [mode]);

  const commitOctal = (text: string) => {
    setOctal(text);
    if (!/^[0-7]{3,4}$/.test(text)) {
      setError('3 or 4 octal digits, e.g. 755 or 0644');
      return;
    }
    setError(null);
    onChange(parseInt(text, 8));
  };

  return (
    <fieldset className="mode-editor">
      <legend>Mode</legend>
      <table>
        <thead>
          <tr>
            <th><span className="visually-hidden">Who</span></th>
            {WHAT.map(([short, long]) => (
              <th key={short} scope="col" title={long}>{short}</th>
            ))}
          </tr>
        </thead>
        <tbody>
          {WHO.map((who, row) => (
            <tr key={who}>
              <th scope="row">{who}</th>
              {WHAT.map(([short, long, value]) => {
                const bit = value << ((2 - row) * 3);
                return (
                  <td key={short}>
                    <input
                      type="checkbox"
                      aria-label={`${who} ${long}`}
                      checked={(mode & bit) !== 0}
                      onChange={(e) => onChange(e.target.checked ? mode | bit : mode & ~bit)}
                    />
                  </td>
                );
              })}
            </tr>
          ))}
        </tbody>
      </table>
      <label className="inline-field">
        <span>Octal</span>
        <input
          className="mono narrow"
          value={octal}
          aria-invalid={error !== null}
          aria-describedby={error ? 'mode-error' : undefined}
          onChange={(e) => commitOctal(e.target.value.trim())}
        />
      </label>
      {error && <p id="mode-error" className="field-problem error">{error}</p>}
    </fieldset>
  );
}
