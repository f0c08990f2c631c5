// The bytes of one zip entry, checked as unzip checks them: the CRC-32 in the central directory
// must match the stored or inflated data, and inflating (pako, zlib's inflate) stops the moment
// the output passes the declared size or the caller's limit, so a deflate bomb is measured while
// it inflates, never after.

import { Inflate } from 'pako';
import { ArchiveError } from '../archive.ts';
import { crc32OfBlob, createCrc32 } from '../../hash/crc32.ts';
import { iterateBlob } from '../../hash/sha256.ts';

/** Stored entries up to this size are CRC-checked when opened; larger ones are blobs whose digest is verified. */
export const MAX_STORED_CRC_CHECK = 64 * 1024 * 1024;

/** A stored entry's bytes (a lazy slice), after checking their CRC-32 when they are small enough. */
export async function storedData(raw: Blob, crc32: number, where: string): Promise<Blob> {
  if (raw.size <= MAX_STORED_CRC_CHECK) {
    const actual = await crc32OfBlob(raw);
    if (actual !== crc32) throw crcMismatch(where, actual, crc32);
  }
  return raw;
}

/** Inflates raw DEFLATE data: exactly `declared` bytes (at most `limit`) whose CRC-32 is `crc32`. */
export async function inflatedData(raw: Blob, declared: number, crc32: number, where: string, limit: number): Promise<Blob> {
  const parts: Uint8Array[] = [];
  const crc = await createCrc32();
  let produced = 0;
  let failure: ArchiveError | undefined;
  const inflate = new Inflate({ raw: true, chunkSize: 64 * 1024 });
  inflate.onData = (chunk: Uint8Array) => {
    produced += chunk.length;
    if (produced > limit) failure ??= new ArchiveError(`${where}: inflates to more than ${limit} bytes, the limit for this entry; stopped there`);
    if (produced > declared) failure ??= new ArchiveError(`${where}: inflates to more than the declared ${declared} bytes`);
    if (failure) throw failure;
    crc.update(chunk);
    parts.push(chunk);
  };
  let offset = 0;
  try {
    for await (const chunk of iterateBlob(raw)) {
      inflate.push(chunk, false);
      if (inflate.err) break;
      offset += chunk.length;
    }
    if (!inflate.err && !inflate.ended) inflate.push(new Uint8Array(0), true);
  } catch (e) {
    if (e === failure) throw e;
    throw new ArchiveError(`${where}: corrupt deflate data (${(e as Error).message})`);
  }
  if (inflate.err) throw new ArchiveError(`${where}: corrupt deflate data (${inflate.msg} near data offset ${offset})`);
  if (!inflate.ended || produced !== declared) throw new ArchiveError(`${where}: inflated to ${produced} bytes, declared ${declared}`);
  const actual = crc.value();
  if (actual !== crc32) throw crcMismatch(where, actual, crc32);
  return new Blob(parts as BlobPart[]);
}

function crcMismatch(where: string, actual: number, declared: number): ArchiveError {
  const hex = (n: number) => n.toString(16).padStart(8, '0');
  return new ArchiveError(`${where}: CRC-32 of the data is ${hex(actual)}, the central directory says ${hex(declared)} (corrupt entry)`);
}
