// Cuts a zstd stream into whole units (frame header, one block, checksum) by reading only the
// headers, so that the decoder:
//  - never sees a frame header whose window we have not vetted (fzstd allocates the declared
//    window, up to 2 GiB, from the untrusted header);
//  - is fed one complete block at a time, so each step emits at most 128 KiB and the output
//    budget is enforced between blocks, never after a burst;
//  - never re-buffers a partial block (fzstd re-joins its pending input on every push).
// Skippable frames carry no output and are dropped here without being buffered.

import { DecompressionError } from './budget.ts';

/** zstd's own default decoder limit (`--long` windows beyond 2^27 need explicit opt-in). */
export const ZSTD_MAX_WINDOW = 128 * 1024 * 1024;
/** Block_Maximum_Size from RFC 8878 §3.1.1.2.3. */
const MAX_BLOCK = 128 * 1024;
const ZSTD_MAGIC = 0xfd2fb528;
const MAX_FRAME_HEADER = 18;

export type Part = 'frameHeader' | 'block' | 'checksum';

export interface ZstdUnit {
  bytes: Uint8Array;
  /** Compressed offset of the unit's first byte. */
  offset: number;
  /** What the unit is: a frame header, one block, or the frame's content checksum. */
  kind: Part;
}

export class ZstdUnitSplitter {
  private part: Part = 'frameHeader';
  private frameHasChecksum = false;
  private head = new Uint8Array(MAX_FRAME_HEADER);
  private headLength = 0;
  private unit: Uint8Array | null = null;
  private filled = 0;
  private skipLeft = 0;
  /** Compressed offset where the unit being read starts. */
  private unitStart = 0;

  constructor(private readonly maxWindow = ZSTD_MAX_WINDOW) {}

  push(chunk: Uint8Array): ZstdUnit[] {
    const units: ZstdUnit[] = [];
    let at = 0;
    while (at < chunk.byteLength) {
      if (this.skipLeft > 0) {
        const take = Math.min(this.skipLeft, chunk.byteLength - at);
        at += take;
        this.skipLeft -= take;
        this.unitStart += take;
        continue;
      }
      if (this.unit === null) {
        const need = this.headNeeded();
        const take = Math.min(need - this.headLength, chunk.byteLength - at);
        this.head.set(chunk.subarray(at, at + take), this.headLength);
        this.headLength += take;
        at += take;
        if (this.headLength === need && this.headNeeded() === need) this.startUnit();
      } else {
        const take = Math.min(this.unit.byteLength - this.filled, chunk.byteLength - at);
        this.unit.set(chunk.subarray(at, at + take), this.filled);
        this.filled += take;
        at += take;
      }
      if (this.unit !== null && this.filled === this.unit.byteLength) units.push(this.finishUnit());
    }
    return units;
  }

  /** Throws when the stream stopped inside a frame. */
  end(): void {
    if (this.part !== 'frameHeader' || this.headLength > 0 || this.unit !== null || this.skipLeft > 0) {
      throw new DecompressionError(`zstd: stream truncated inside a frame (unit starting at compressed offset ${this.unitStart})`);
    }
  }

  /** Head bytes needed to know the current unit's length; grows as more of it is known. */
  private headNeeded(): number {
    if (this.part === 'block') return 3;
    if (this.part === 'checksum') return 4;
    if (this.headLength < 5) return 5;
    const magic = readU32(this.head, 0);
    if (isSkippable(magic)) return 8;
    if (magic !== ZSTD_MAGIC) return 5;
    const fhd = this.head[4];
    const singleSegment = (fhd & 0x20) !== 0;
    return 5 + (singleSegment ? 0 : 1) + [0, 1, 2, 4][fhd & 3] + [singleSegment ? 1 : 0, 2, 4, 8][fhd >> 6];
  }

  private startUnit(): void {
    const head = this.head.subarray(0, this.headLength);
    let length = this.headLength;
    if (this.part === 'frameHeader') {
      const magic = readU32(head, 0);
      if (isSkippable(magic)) {
        this.skipLeft = readU32(head, 4);
        this.unitStart += this.headLength;
        this.headLength = 0;
        return;
      }
      if (magic !== ZSTD_MAGIC) {
        throw new DecompressionError(`zstd: bad frame magic at compressed offset ${this.unitStart}`);
      }
      this.checkWindow(head);
      this.frameHasChecksum = (head[4] & 0x04) !== 0;
    } else if (this.part === 'block') {
      const header = head[0] | (head[1] << 8) | (head[2] << 16);
      const type = (header >> 1) & 3;
      const size = header >>> 3;
      if (type === 3) throw new DecompressionError(`zstd: reserved block type at compressed offset ${this.unitStart}`);
      if (size > MAX_BLOCK) {
        throw new DecompressionError(
          `zstd: block at compressed offset ${this.unitStart} declares ${size} bytes, over the ${MAX_BLOCK}-byte maximum`,
        );
      }
      length += type === 1 ? 1 : size;
    }
    this.unit = new Uint8Array(length);
    this.unit.set(head);
    this.filled = this.headLength;
    this.headLength = 0;
  }

  private finishUnit(): ZstdUnit {
    const unit = { bytes: this.unit!, offset: this.unitStart, kind: this.part };
    if (this.part === 'frameHeader') this.part = 'block';
    else if (this.part === 'block') {
      const lastBlock = (unit.bytes[0] & 1) === 1;
      if (lastBlock) this.part = this.frameHasChecksum ? 'checksum' : 'frameHeader';
    } else this.part = 'frameHeader';
    this.unitStart += unit.bytes.byteLength;
    this.unit = null;
    this.filled = 0;
    return unit;
  }

  private checkWindow(head: Uint8Array): void {
    const fhd = head[4];
    let window: number;
    if ((fhd & 0x20) !== 0) {
      window = readContentSize(head, 5 + [0, 1, 2, 4][fhd & 3], fhd >> 6);
    } else {
      const base = 2 ** (10 + (head[5] >> 3));
      window = base + (base / 8) * (head[5] & 7);
    }
    if (window > this.maxWindow) {
      throw new DecompressionError(
        `zstd: frame at compressed offset ${this.unitStart} declares a ${window}-byte window, over the ${this.maxWindow}-byte limit`,
      );
    }
  }
}

function isSkippable(magic: number): boolean {
  return (magic & 0xfffffff0) >>> 0 === 0x184d2a50;
}

/** Frame_Content_Size of a single-segment frame (which is then also its window size). */
function readContentSize(data: Uint8Array, at: number, flag: number): number {
  switch (flag) {
    case 0:
      return data[at];
    case 1:
      return (data[at] | (data[at + 1] << 8)) + 256;
    case 2:
      return readU32(data, at);
    default:
      return readU32(data, at) + readU32(data, at + 4) * 2 ** 32;
  }
}

function readU32(data: Uint8Array, at: number): number {
  return (data[at] | (data[at + 1] << 8) | (data[at + 2] << 16) | (data[at + 3] << 24)) >>> 0;
}
