// A JSON document shown pretty-printed, where every sha256 digest is a link to the blob it names.
// Renders from the parsed value; the exact bytes' digest is shown by the caller.

import { Fragment, type ReactNode } from 'react';
import { isSha256Digest } from '../../core/digest.ts';

export interface JsonDocumentProps {
  value: unknown;
  /** Where a digest points, e.g. `#blob-<hex>`; digests are plain text when absent. */
  digestHref?: (digest: string) => string | undefined;
  label: string;
}

export function JsonDocument({ value, digestHref, label }: JsonDocumentProps) {
  return (
    <pre className="json-document" aria-label={label} tabIndex={0}>
      <code>{renderValue(value, 0, digestHref)}</code>
    </pre>
  );
}

const indent = (depth: number) => '  '.repeat(depth);

function renderValue(value: unknown, depth: number, digestHref: JsonDocumentProps['digestHref']): ReactNode {
  if (value === null || typeof value === 'boolean' || typeof value === 'number') {
    return <span className="json-literal">{JSON.stringify(value)}</span>;
  }
  if (typeof value === 'string') {
    const href = isSha256Digest(value) ? digestHref?.(value) : undefined;
    const text = JSON.stringify(value);
    if (href) return <a className="json-string json-digest" href={href}>{text}</a>;
    return <span className={isSha256Digest(value) ? 'json-string json-digest' : 'json-string'}>{text}</span>;
  }
  if (Array.isArray(value)) {
    if (value.length === 0) return '[]';
    return (
      <>
        {'[\n'}
        {value.map((item, i) => (
          <Fragment key={i}>
            {indent(depth + 1)}
            {renderValue(item, depth + 1, digestHref)}
            {i < value.length - 1 ? ',\n' : '\n'}
          </Fragment>
        ))}
        {indent(depth)}]
      </>
    );
  }
  if (typeof value === 'object') {
    const entries = Object.entries(value as Record<string, unknown>);
    if (entries.length === 0) return '{}';
    return (
      <>
        {'{\n'}
        {entries.map(([key, item], i) => (
          <Fragment key={key}>
            {indent(depth + 1)}
            <span className="json-key">{JSON.stringify(key)}</span>
            {': '}
            {renderValue(item, depth + 1, digestHref)}
            {i < entries.length - 1 ? ',\n' : '\n'}
          </Fragment>
        ))}
        {indent(depth)}
        {'}'}
      </>
    );
  }
  return String(value);
}
