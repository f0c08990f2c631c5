// A size people can read (`1.5 MiB`) with the exact byte count on hover.

import { exactBytes, humanBytes } from './format.ts';

export function ByteSize({ bytes }: { bytes: number }) {
  return (
    <span className="byte-size" title={exactBytes(bytes)}>
      {humanBytes(bytes)}
    </span>
  );
}
