// A "what is this" toggle: one or two sentences for a learner and a link to the spec section.
// The note opens in the flow right under the line it explains, so it never covers the field
// below; Escape or a click outside closes it (Escape puts focus back on its button).

import { useEffect, useId, useRef, useState, type ReactNode } from 'react';

export interface ExplainerProps {
  /** What is being explained, used in the button's accessible name. */
  topic: string;
  children: ReactNode;
  specHref?: string;
  /** The note lines up with the right edge, for buttons near the right edge. */
  alignEnd?: boolean;
}

export function Explainer({ topic, children, specHref, alignEnd }: ExplainerProps) {
  const [open, setOpen] = useState(false);
  const id = useId();
  const toggle = useRef<HTMLButtonElement>(null);
  const note = useRef<HTMLSpanElement>(null);
  useEffect(() => {
    if (!open) return;
    const onKey = (event: KeyboardEvent) => {
      if (event.key !== 'Escape') return;
      const inside = note.current?.contains(document.activeElement) || document.activeElement === toggle.current;
      setOpen(false);
      if (inside) toggle.current?.focus();
    };
    const onPointer = (event: PointerEvent) => {
      const target = event.target as Node;
      if (!toggle.current?.contains(target) && !note.current?.contains(target)) setOpen(false);
    };
    document.addEventListener('keydown', onKey);
    document.addEventListener('pointerdown', onPointer);
    return () => {
      document.removeEventListener('keydown', onKey);
      document.removeEventListener('pointerdown', onPointer);
    };
  }, [open]);
  return (
    <>
      <span className="explainer">
        <button
          ref={toggle}
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
      </span>
      {open && (
        <span ref={note} id={id} className={alignEnd ? 'explainer-text align-end' : 'explainer-text'} role="note">
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
    </>
  );
}

/** Links into the OCI image-spec, v1.1, at the section that explains each thing. */
export const SPEC = {
  layout: 'https://github.com/opencontainers/image-spec/blob/v1.1.0/image-layout.md#content',
  index: 'https://github.com/opencontainers/image-spec/blob/v1.1.0/image-index.md#image-index-property-descriptions',
  manifest: 'https://github.com/opencontainers/image-spec/blob/v1.1.0/manifest.md#image-manifest-property-descriptions',
  config: 'https://github.com/opencontainers/image-spec/blob/v1.1.0/config.md#properties',
  layer: 'https://github.com/opencontainers/image-spec/blob/v1.1.0/config.md#layer-diffid',
  whiteouts: 'https://github.com/opencontainers/image-spec/blob/v1.1.0/layer.md#whiteouts',
  descriptor: 'https://github.com/opencontainers/image-spec/blob/v1.1.0/descriptor.md#digests',
  annotations: 'https://github.com/opencontainers/image-spec/blob/v1.1.0/annotations.md#pre-defined-annotation-keys',
} as const;
