// Walks zstd frame and block headers alongside the decoder so a frame's declared window size is
// checked BEFORE fzstd allocates a buffer of that size (fzstd accepts windows up to 2 GiB).
// Only headers are parsed; block contents are skipped by their declared sizes.

import { DecompressionError } from './budget.ts';

/** zstd's own default decoder limit (`--long` windows beyond 2^27 need explicit opt-in). */
export const ZSTD_MAX_WINDOW = 128 * 1024 * 1024;

const ZSTD_MAGIC = 0xfd2fb528;

type State =
  | { kind: 'frameHeader' }
  | { kind: 'blockHeader'; checksum: boolean }
  | { kind: 'skip'; left: number; then: 'block' | 'checksum' | 'frame'; checksum: boolean };

export class ZstdFrameScanner {
  private state: State = { kind: 'frameHeader' };
  private pending = new Uint8Array(0);
  /** Absolute compressed offset of pending[0]. */
  private base = 0;

  constructor(private readonly maxWindow = ZSTD_MAX_WINDOW) {}

  /** Inspects the next chunk of compressed input; throws on a header we refuse. */
  scan(chunk: Uint8Array): void {
    const data = this.pending.byteLength ? concat(this.pending, chunk) : chunk;
    let at = 0;
    for (;;) {
      const st = this.state;
      if (st.kind === 'skip') {
        const take = Math.min(st.left, data.byteLength - at);
        at += take;
        st.left -= take;
        if (st.left > 0) break;
        this.state =
          st.then === 'block'
            ? { kind: 'blockHeader', checksum: st.checksum }
            : st.then === 'checksum'
              ? { kind: 'skip', left: 4, then: 'frame', checksum: false }
              : { kind: 'frameHeader' };
        continue;
      }
      const need = st.kind === 'frameHeader' ? frameHeaderLength(data, at) : 3;
      if (need === null || data.byteLength - at < need) break;
      if (st.kind === 'frameHeader') this.readFrameHeader(data, at);
      else this.readBlockHeader(data, at, st.checksum);
      at += need;
    }
    this.base += at;
    this.pending = data.slice(at);
  }

  private readFrameHeader(data: Uint8Array, at: number): void {
    const magic = readU32(data, at);
    if ((magic & 0xfffffff0) === 0x184d2a50) {
      this.state = { kind: 'skip', left: readU32(data, at + 4), then: 'frame', checksum: false };
      return;
    }
    if (magic !== ZSTD_MAGIC) {
      throw new DecompressionError(`zstd: bad frame magic at compressed offset ${this.base + at}`);
    }
    const fhd = data[at + 4];
    const singleSegment = (fhd & 0x20) !== 0;
    const checksum = (fhd & 0x04) !== 0;
    let window: number;
    if (singleSegment) {
      window = readContentSize(data, at + 5 + dictIdLength(fhd), fhd >> 6, true);
    } else {
      const wd = data[at + 5];
      const base = 2 ** (10 + (wd >> 3));
      window = base + (base / 8) * (wd & 7);
    }
    if (window > this.maxWindow) {
      throw new DecompressionError(
        `zstd: frame at compressed offset ${this.base + at} ` +
          `declares a ${window}-byte window, over the ${this.maxWindow}-byte limit`,
      );
    }
    this.state = { kind: 'blockHeader', checksum };
  }

  private readBlockHeader(data: Uint8Array, at: number, checksum: boolean): void {
    const header = data[at] | (data[at + 1] << 8) | (data[at + 2] << 16);
    const last = (header & 1) === 1;
    const type = (header >> 1) & 3;
    const size = header >>> 3;
    const body = type === 1 ? 1 : size;
    const then = last ? (checksum ? 'checksum' : 'frame') : 'block';
    this.state = { kind: 'skip', left: body, then, checksum };
  }
}

/** Bytes needed for the frame header starting at `at`, or null when too few bytes are here. */
function frameHeaderLength(data: Uint8Array, at: number): number | null {
  if (data.byteLength - at < 5) return null;
  const magic = readU32(data, at);
  if ((magic & 0xfffffff0) === 0x184d2a50) return 8;
  if (magic !== ZSTD_MAGIC) return 4;
  const fhd = data[at + 4];
  const singleSegment = (fhd & 0x20) !== 0;
  const fcsFlag = fhd >> 6;
  const fcsBytes = [singleSegment ? 1 : 0, 2, 4, 8][fcsFlag];
  return 5 + (singleSegment ? 0 : 1) + dictIdLength(fhd) + fcsBytes;
}

function dictIdLength(fhd: number): number {
  return [0, 1, 2, 4][fhd & 3];
}

function readContentSize(data: Uint8Array, at: number, flag: number, singleSegment: boolean): number {
  switch (flag) {
    case 0:
      return singleSegment ? data[at] : 0;
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

function concat(a: Uint8Array, b: Uint8Array): Uint8Array {
  const out = new Uint8Array(a.byteLength + b.byteLength);
  out.set(a);
  out.set(b, a.byteLength);
  return out;
}
