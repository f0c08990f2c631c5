// Numeric header fields and PAX numbers, read exactly as Go's archive/tar reads them (the reader
// Docker and containerd unpack layers with), so a value can never mean one thing here and another
// in a container. Values are BigInt because Go's are int64; callers decide what fits a number.
// Writing is octal only (the writer falls back to PAX for anything larger).

/** The largest value an octal field of `width` bytes holds (one byte is the NUL terminator). */
export function octalLimit(width: number): number {
  return 8 ** (width - 1) - 1;
}

/** Writes `value` as zero-padded octal into `width - 1` digits plus a NUL. Caller checks the limit. */
export function writeOctal(block: Uint8Array, at: number, width: number, value: number): void {
  if (!Number.isSafeInteger(value) || value < 0 || value > octalLimit(width)) {
    throw new RangeError(`${value} does not fit an octal field of ${width} bytes`);
  }
  const digits = value.toString(8).padStart(width - 1, '0');
  for (let i = 0; i < digits.length; i++) block[at + i] = digits.charCodeAt(i);
  block[at + width - 1] = 0;
}

export type NumericResult = { ok: true; value: bigint } | { ok: false; reason: string };

const INT64_MAX = (1n << 63n) - 1n;
const INT64_MIN = -(1n << 63n);

/** A header number field: base-256 when the high bit is set (two's complement), else octal. */
export function parseNumeric(field: Uint8Array): NumericResult {
  if (field.length > 0 && field[0] & 0x80) return parseBase256(field);
  return parseOctal(field);
}

/**
 * Go's parseOctal: leading and trailing spaces and NULs are trimmed, the rest is cut at its first
 * NUL, and what remains must be octal digits (an empty field is 0).
 */
export function parseOctal(field: Uint8Array): NumericResult {
  let start = 0;
  let end = field.length;
  while (start < end && (field[start] === 0x20 || field[start] === 0)) start++;
  while (end > start && (field[end - 1] === 0x20 || field[end - 1] === 0)) end--;
  if (start === end) return { ok: true, value: 0n };
  const nul = field.subarray(start, end).indexOf(0);
  if (nul !== -1) end = start + nul;
  for (let i = start; i < end; i++) {
    const c = field[i];
    if (c < 0x30 || c > 0x37) return { ok: false, reason: `junk byte 0x${c.toString(16).padStart(2, '0')} in octal field` };
  }
  // Header fields hold at most 12 digits (2^36), exact as a number; only longer text needs BigInt.
  if (end - start <= 17) {
    let small = 0;
    for (let i = start; i < end; i++) small = small * 8 + (field[i] - 0x30);
    return { ok: true, value: BigInt(small) };
  }
  let value = 0n;
  for (let i = start; i < end; i++) value = value * 8n + BigInt(field[i] - 0x30);
  if (value >= 1n << 64n) return { ok: false, reason: 'octal value beyond 64 bits' };
  // Go parses into a uint64 and converts to int64, so the top bit makes it negative.
  return { ok: true, value: BigInt.asIntN(64, value) };
}

/**
 * The common form of a header number field, read in place without allocating: optional leading
 * spaces or NULs, at most 17 octal digits, then the field's end or a NUL. Returns -1 for anything
 * else (base-256, trailing spaces, junk), which parseNumeric then reads with every rule.
 */
export function plainOctal(block: Uint8Array, at: number, width: number): number {
  const end = at + width;
  let i = at;
  while (i < end && (block[i] === 0x20 || block[i] === 0)) i++;
  const first = i;
  let value = 0;
  for (; i < end; i++) {
    const c = block[i];
    if (c < 0x30 || c > 0x37) break;
    value = value * 8 + (c - 0x30);
  }
  if (i - first > 17 || (i < end && block[i] !== 0)) return -1;
  return value;
}

function parseBase256(field: Uint8Array): NumericResult {
  const negative = (field[0] & 0x40) !== 0;
  let value = 0n;
  for (let i = 0; i < field.length; i++) {
    let c = negative ? field[i] ^ 0xff : field[i];
    if (i === 0) c &= 0x7f;
    if (value >> 56n > 0n) return { ok: false, reason: 'base-256 value beyond 64 bits' };
    value = (value << 8n) | BigInt(c);
  }
  if (value >> 63n > 0n) return { ok: false, reason: 'base-256 value beyond 64 bits' };
  return { ok: true, value: negative ? -value - 1n : value };
}

/** Go's strconv.ParseInt(text, 10, 64): optional sign, decimal digits, leading zeros allowed. */
export function parseDecimal(text: string): bigint | undefined {
  if (!/^[+-]?[0-9]+$/.test(text)) return undefined;
  const value = BigInt(text);
  return value >= INT64_MIN && value <= INT64_MAX ? value : undefined;
}

/**
 * A PAX time (`1700000000.123456789`, `-12.5`) as whole seconds, rounded down, the way Go's
 * parsePAXTime and time.Unix do it: only the first nine fraction digits count.
 */
export function parsePaxTime(text: string): bigint | undefined {
  const dot = text.indexOf('.');
  const seconds = parseDecimal(dot === -1 ? text : text.slice(0, dot));
  if (seconds === undefined) return undefined;
  const fraction = dot === -1 ? '' : text.slice(dot + 1);
  if (!/^[0-9]*$/.test(fraction)) return undefined;
  const negative = text.startsWith('-');
  return negative && /[1-9]/.test(fraction.slice(0, 9)) ? seconds - 1n : seconds;
}

/** A BigInt as a number when it is exactly representable, else undefined. */
export function safeNumber(value: bigint): number | undefined {
  const n = Number(value);
  return Number.isSafeInteger(n) ? n : undefined;
}
