// A digest in monospace, shortened in the middle by CSS (the DOM text stays the full value, so it
// can be found, selected and tested), the full value on hover, and a copy button.

import { useState } from 'react';

export interface DigestTextProps {
  digest: string;
  /** Makes the digest a link, e.g. `#blob-<hex>` to the blob it names. */
  href?: string;
  /** Accessible label of the value, e.g. "Manifest digest". */
  label?: string;
  /** Show the whole value instead of shortening it. */
  full?: boolean;
}

const TAIL = 8;

export function DigestText({ digest, href, label, full }: DigestTextProps) {
  const head = digest.slice(0, -TAIL);
  const tail = digest.slice(-TAIL);
  const text = (
    <span className={full ? 'digest digest-full' : 'digest'} title={digest} aria-label={label} role={label ? 'group' : undefined}>
      <span className="digest-head">{head}</span>
      <span className="digest-tail">{tail}</span>
    </span>
  );
  return (
    <span className="digest-wrap">
      {href ? <a href={href} className="digest-link">{text}</a> : text}
      <CopyButton value={digest} what={label ?? 'digest'} />
    </span>
  );
}

export function CopyButton({ value, what }: { value: string; what: string }) {
  const [copied, setCopied] = useState(false);
  const copy = async () => {
    try {
      await navigator.clipboard.writeText(value);
      setCopied(true);
      setTimeout(() => setCopied(false), 1200);
    } catch {
      setCopied(false);
    }
  };
  return (
    <button type="button" className="icon-button copy-button" onClick={copy} title={copied ? 'Copied' : `Copy ${what}`}>
      {copied ? <span aria-hidden="true">✓</span> : <CopyIcon />}
      <span className="visually-hidden">{copied ? 'Copied' : `Copy ${what}`}</span>
    </button>
  );
}

function CopyIcon() {
  return (
    <svg aria-hidden="true" width="13" height="13" viewBox="0 0 16 16" fill="none" stroke="currentColor" strokeWidth="1.5">
      <rect x="5.5" y="5.5" width="8" height="8" rx="1.5" />
      <path d="M10.5 3.5v-.5a1.5 1.5 0 0 0-1.5-1.5H4A1.5 1.5 0 0 0 2.5 3v5A1.5 1.5 0 0 0 4 9.5h.5" />
    </svg>
  );
}
