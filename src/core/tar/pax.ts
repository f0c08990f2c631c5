// PAX extended header records ("%d %s=%s\n", the length counting itself): encode and parse.
// Values stay raw bytes because SCHILY.xattr.* values are binary; string keys are decoded by callers.

import { TarError } from './errors.ts';
import { concat } from './header.ts';

const utf8 = new TextEncoder();
const fromUtf8 = new TextDecoder();

/** Encodes records in the given order (callers pass a deterministic order). */
export function encodePaxRecords(records: Array<[key: string, value: Uint8Array]>): Uint8Array<ArrayBuffer> {
  return concat(...records.map(([key, value]) => encodeRecord(key, value)));
}

function encodeRecord(key: string, value: Uint8Array): Uint8Array<ArrayBuffer> {
  const tail = concat(utf8.encode(` ${key}=`), value, Uint8Array.of(0x0a));
  // The length prefix counts its own digits, so grow it until it is self-consistent.
  let length = tail.length + 1;
  while (String(length).length + tail.length !== length) length = String(length).length + tail.length;
  return concat(utf8.encode(String(length)), tail);
}

const SPARSE_OFFSET = 'GNU.sparse.offset';
const SPARSE_NUMBYTES = 'GNU.sparse.numbytes';
/** Keys whose values Go refuses to hold a NUL (they become C strings on disk). */
const STRING_KEYS = new Set(['path', 'linkpath', 'uname', 'gname']);

/**
 * Parses the body of an `x` or `g` header exactly as Go's parsePAX does; `offset` is the header's
 * offset, used in messages. Every record must be whole ("%d %s=%s\n", the length counting
 * itself; no NUL padding); a key may not be empty or hold a NUL, and path, linkpath, uname and
 * gname values may not hold a NUL. GNU sparse 0.0 offset/numbytes pairs become one
 * `GNU.sparse.map` value, as Go converts them. A repeated key keeps its last value.
 */
export function parsePaxRecords(data: Uint8Array, offset: number): Map<string, Uint8Array> {
  const records = new Map<string, Uint8Array>();
  const sparseMap: string[] = [];
  let at = 0;
  while (at < data.length) {
    const fail = (what: string): never => {
      throw new TarError(`bad PAX record at byte ${at} of the extended header at offset ${offset}: ${what}`, offset);
    };
    const space = data.indexOf(0x20, at);
    if (space === -1) fail('no length');
    const lengthText = fromUtf8.decode(data.subarray(at, space));
    if (!/^[+-]?[0-9]+$/.test(lengthText)) fail(`length "${lengthText.slice(0, 40)}" is not a decimal number`);
    const big = BigInt(lengthText);
    if (big < 5n) fail(`length ${lengthText} is shorter than any record`);
    const length = big > BigInt(data.length) ? Infinity : Number(big);
    if (at + length > data.length) fail(`length ${lengthText} runs past the end of the header (${data.length} bytes)`);
    if (space + 1 >= at + length) fail(`length ${lengthText} does not cover its own digits`);
    const record = data.subarray(space + 1, at + length);
    if (record[record.length - 1] !== 0x0a) fail('record does not end with a newline');
    const equals = record.indexOf(0x3d);
    if (equals === -1) fail('no "key=" in record');
    if (equals === 0) fail('empty key');
    const key = fromUtf8.decode(record.subarray(0, equals));
    const value = record.slice(equals + 1, record.length - 1);
    if (STRING_KEYS.has(key)) {
      if (value.includes(0)) {
        const shown = fromUtf8.decode(value).slice(0, 200);
        const what = key === 'path' ? `PAX path of "${shown}"` : `PAX ${key} "${shown}"`;
        throw new TarError(`${what} contains a NUL byte in the extended header at offset ${offset}`, offset);
      }
    } else if (record.subarray(0, equals).includes(0)) fail('NUL byte in key');
    if (key === SPARSE_OFFSET || key === SPARSE_NUMBYTES) {
      const expected = sparseMap.length % 2 === 0 ? SPARSE_OFFSET : SPARSE_NUMBYTES;
      if (key !== expected) fail(`"${key}" where "${expected}" must come next`);
      if (value.includes(0x2c)) fail(`"${key}" value contains a comma`);
      sparseMap.push(fromUtf8.decode(value));
    } else {
      records.set(key, value);
    }
    at += length;
  }
  if (sparseMap.length > 0) records.set('GNU.sparse.map', utf8.encode(sparseMap.join(',')));
  return records;
}
