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

/**
 * Parses the body of an `x` or `g` header. `offset` is the header's offset, used in messages.
 * Rejects bad lengths, missing `=` or newline and NUL in keys; trailing NUL padding is tolerated.
 */
export function parsePaxRecords(data: Uint8Array, offset: number): Map<string, Uint8Array> {
  const records = new Map<string, Uint8Array>();
  let at = 0;
  while (at < data.length) {
    if (data[at] === 0 && data.subarray(at).every((b) => b === 0)) break;
    const fail = (what: string): never => {
      throw new TarError(`bad PAX record at byte ${at} of the extended header at offset ${offset}: ${what}`, offset);
    };
    const space = data.indexOf(0x20, at);
    if (space === -1 || space - at > 16) fail('no length');
    const lengthText = fromUtf8.decode(data.subarray(at, space));
    if (!/^[1-9][0-9]*$/.test(lengthText)) fail(`length "${lengthText}" is not a decimal number`);
    const length = Number(lengthText);
    if (at + length > data.length) fail(`length ${length} runs past the end of the header (${data.length} bytes)`);
    const record = data.subarray(space + 1, at + length);
    if (record.length === 0 || record[record.length - 1] !== 0x0a) fail('record does not end with a newline');
    const equals = record.indexOf(0x3d);
    if (equals <= 0) fail('no "key=" in record');
    const keyBytes = record.subarray(0, equals);
    if (keyBytes.includes(0)) fail('NUL byte in key');
    records.set(fromUtf8.decode(keyBytes), record.slice(equals + 1, record.length - 1));
    at += length;
  }
  return records;
}
