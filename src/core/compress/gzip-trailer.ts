// Checks each gzip member's trailer (CRC-32 and size of its output, RFC 1952 §2.3.1), which
// fflate's Gunzip never does: without this a stream cut inside its last member, or anywhere in a
// trailer, would decode "successfully" to a short output.

import { createCrc32, type Crc32 } from '../hash/crc32.ts';
import { DecompressionError } from './budget.ts';

/** Enough input history to find a trailer even when the next member's header is long. */
const HISTORY = 256 * 1024;

export class GzipTrailerCheck {
  private history = new Uint8Array(0);
  /** Absolute compressed offset of history[0]. */
  private historyStart = 0;
  private outputSize = 0;
  private memberStart = 0;

  private constructor(private readonly crc: Crc32) {}

  static async create(): Promise<GzipTrailerCheck> {
    return new GzipTrailerCheck(await createCrc32());
  }

  /** Remembers the newest compressed bytes; `offset` is where `chunk` starts in the stream. */
  input(chunk: Uint8Array, offset: number): void {
    const keep = Math.max(0, Math.min(this.history.byteLength, HISTORY - chunk.byteLength));
    const next = new Uint8Array(keep + chunk.byteLength);
    next.set(this.history.subarray(this.history.byteLength - keep));
    next.set(chunk.subarray(Math.max(0, chunk.byteLength - HISTORY)), keep);
    this.history = next;
    this.historyStart = offset + chunk.byteLength - next.byteLength;
  }

  output(chunk: Uint8Array): void {
    this.crc.update(chunk);
    this.outputSize += chunk.byteLength;
  }

  /** The member that started at `memberStart` ended with the 8 bytes just before `end`. */
  memberEnded(end: number): void {
    const at = end - 8 - this.historyStart;
    if (end - 8 < this.memberStart + 10 || at < 0 || at + 8 > this.history.byteLength) {
      throw new DecompressionError(
        `truncated gzip member (compressed bytes ${this.memberStart}..${end}): no room for its 8-byte trailer`,
      );
    }
    const view = new DataView(this.history.buffer, this.history.byteOffset + at, 8);
    const crc = view.getUint32(0, true);
    const size = view.getUint32(4, true);
    const actualCrc = this.crc.value();
    const actualSize = this.outputSize % 2 ** 32;
    if (crc !== actualCrc || size !== actualSize) {
      throw new DecompressionError(
        `truncated or corrupt gzip member (compressed bytes ${this.memberStart}..${end}): trailer says ` +
          `CRC-32 ${hex8(crc)} and ${size} bytes (mod 2^32), the data gives ${hex8(actualCrc)} and ${actualSize}`,
      );
    }
    this.crc.reset();
    this.outputSize = 0;
    this.memberStart = end;
  }
}

function hex8(n: number): string {
  return n.toString(16).padStart(8, '0');
}
