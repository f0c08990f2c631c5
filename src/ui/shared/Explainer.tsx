// A "what is this" toggle: one or two sentences for a learner and a link to the spec.

import { useId, useState, type ReactNode } from 'react';

export interface ExplainerProps {
  /** What is being explained, used in the button's accessible name. */
  topic: string;
  children: ReactNode;
  specHref?: string;
  /** Open the note towards the left, for buttons near the right edge. */
  alignEnd?: boolean;
}

export function Explainer({ topic, children, specHref, alignEnd }: ExplainerProps) {
  const [open, setOpen] = useState(false);
  const id = useId();
  return (
    <span className="explainer">
      <button
        type="button"
        className="icon-button explainer-toggle"
        aria-expanded={open}
        aria-controls={id}
        title={`What is ${topic}?`}
        onClick={() => setOpen(!open)}
      >
        {/* Named by content, not aria-label, so getByLabel(field) finds only the field. */}
        <span aria-hidden="true">?</span>
        <span className="visually-hidden">What is {topic}?</span>
      </button>
      {open && (
        <span id={id} className={alignEnd ? 'explainer-text align-end' : 'explainer-text'} role="note">
          {children}
          {specHref && (
            <>
              {' '}
              <a href={specHref} target="_blank" rel="noreferrer noopener">
                Spec
              </a>
            </>
          )}
        </span>
      )}
    </span>
  );
}

/** Links into the OCI image-spec, v1.1. */
export const SPEC = {
  layout: 'https://github.com/opencontainers/image-spec/blob/v1.1.0/image-layout.md',
  index: 'https://github.com/opencontainers/image-spec/blob/v1.1.0/image-index.md',
  manifest: 'https://github.com/opencontainers/image-spec/blob/v1.1.0/manifest.md',
  config: 'https://github.com/opencontainers/image-spec/blob/v1.1.0/config.md',
  layer: 'https://github.com/opencontainers/image-spec/blob/v1.1.0/layer.md',
  descriptor: 'https://github.com/opencontainers/image-spec/blob/v1.1.0/descriptor.md',
  annotations: 'https://github.com/opencontainers/image-spec/blob/v1.1.0/annotations.md',
} as const;
