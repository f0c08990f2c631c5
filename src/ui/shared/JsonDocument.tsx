// A JSON document shown pretty-printed, where every sha256 digest is a link to the blob it names
// and every key of a config, manifest or index says on hover what it means (json-keys.ts).
// Renders from the parsed value, line by line (json-lines.ts); the exact bytes' digest is shown
// by the caller.

import { Fragment, useMemo } from 'react';
import { isSha256Digest } from '../../core/digest.ts';
import { jsonKind, keyMeaning } from './json-keys.ts';
import { jsonLines } from './json-lines.ts';

export interface JsonDocumentProps {
  value: unknown;
  /** Where a digest points, e.g. `#blob-<hex>`; digests are plain text when absent. */
  digestHref?: (digest: string) => string | undefined;
  label: string;
}

export function JsonDocument({ value, digestHref, label }: JsonDocumentProps) {
  const lines = useMemo(() => jsonLines(value), [value]);
  const kind = useMemo(() => jsonKind(value), [value]);
  return (
    <pre className="json-document" aria-label={label} tabIndex={0}>
      <code>
        {lines.map((line, i) => {
          const meaning = line.key && keyMeaning(kind, line.key.path);
          const { token } = line;
          const href = token.kind === 'string' && isSha256Digest(token.value) ? digestHref?.(token.value) : undefined;
          return (
            <Fragment key={i}>
              {'  '.repeat(line.depth)}
              {line.key && <><span className={meaning ? 'json-key has-meaning' : 'json-key'} title={meaning}>{JSON.stringify(line.key.name)}</span>{': '}</>}
              {token.kind === 'string'
                ? href
                  ? <a className="json-string json-digest" href={href}>{token.text}</a>
                  : <span className={isSha256Digest(token.value) ? 'json-string json-digest' : 'json-string'}>{token.text}</span>
                : token.kind === 'literal' ? <span className="json-literal">{token.text}</span> : token.text}
              {line.comma ? ',' : ''}
              {i < lines.length - 1 ? '\n' : ''}
            </Fragment>
          );
        })}
      </code>
    </pre>
  );
}
