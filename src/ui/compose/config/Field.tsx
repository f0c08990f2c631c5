// One labelled config field: input or textarea, its "what is this", its problems (with line
// numbers for multi-line fields) and an optional preview of what goes into the config.

import { useId, type ReactNode } from 'react';
import type { FieldProblem } from '../fields/problems.ts';
import { Explainer } from '../../shared/Explainer.tsx';

export interface FieldProps {
  label: string;
  value: string;
  onChange(value: string): void;
  multiline?: boolean;
  placeholder?: string;
  problems?: FieldProblem[];
  explain?: ReactNode;
  specHref?: string;
  preview?: ReactNode;
  mono?: boolean;
  rows?: number;
  /** Shown after the label, e.g. whether a platform sets its own value. */
  labelExtra?: ReactNode;
  /** The field's anchor, for links to it (`#<anchor>`). */
  anchor?: string;
}

export function Field({ label, value, onChange, multiline, placeholder, problems = [], explain, specHref, preview, mono = true, rows = 3, labelExtra, anchor }: FieldProps) {
  const id = useId();
  const describedBy = problems.length || preview ? `${id}-help` : undefined;
  const invalid = problems.some((p) => p.severity === 'error');
  const common = {
    id,
    value,
    placeholder,
    className: mono ? 'mono' : undefined,
    spellCheck: false,
    'aria-invalid': invalid || undefined,
    'aria-describedby': describedBy,
  };
  return (
    <div className="field" id={anchor}>
      <div className="field-label">
        <label htmlFor={id}>{label}</label>
        {explain && <Explainer topic={label} specHref={specHref}>{explain}</Explainer>}
        {labelExtra}
      </div>
      {multiline ? (
        <textarea {...common} rows={rows} onChange={(e) => onChange(e.target.value)} />
      ) : (
        <input {...common} onChange={(e) => onChange(e.target.value)} />
      )}
      {describedBy && (
        <div id={describedBy} className="field-help">
          {preview && <div className="field-preview">{preview}</div>}
          {problems.map((p, i) => (
            <p key={i} className={`field-problem ${p.severity}`}>
              {p.severity === 'error' ? '✕ ' : '⚠ '}
              {p.line !== undefined && `line ${p.line}: `}
              {p.message}
            </p>
          ))}
        </div>
      )}
    </div>
  );
}
