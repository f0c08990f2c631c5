// Numeric header fields: octal text (the ustar form) and GNU base-256 (high bit set), both ways.
// Parsing rejects anything a careless parser would wrap, truncate or loop on: junk characters,
// negative base-256 values and values beyond Number.MAX_SAFE_INTEGER.

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

export type NumericResult = { ok: true; value: number } | { ok: false; reason: string };

/** Parses an octal or base-256 numeric field. Empty (all NUL/space) fields read as 0. */
export function parseNumeric(field: Uint8Array): NumericResult {
  if (field.length > 0 && field[0] & 0x80) return parseBase256(field);
  return parseOctal(field);
}

function parseOctal(field: Uint8Array): NumericResult {
  let i = 0;
  while (i < field.length && (field[i] === 0x20 || field[i] === 0)) i++;
  let value = 0;
  let digits = 0;
  for (; i < field.length; i++) {
    const c = field[i];
    if (c < 0x30 || c > 0x37) break;
    value = value * 8 + (c - 0x30);
    digits++;
  }
  for (; i < field.length; i++) {
    if (field[i] !== 0 && field[i] !== 0x20) {
      return { ok: false, reason: `junk byte 0x${field[i].toString(16).padStart(2, '0')} in octal field` };
    }
  }
  if (digits === 0) return { ok: true, value: 0 };
  if (!Number.isSafeInteger(value)) return { ok: false, reason: 'octal value beyond 2^53' };
  return { ok: true, value };
}

function parseBase256(field: Uint8Array): NumericResult {
  // 0x80 marks a positive number, 0xff a negative one (two's complement); nothing else is valid.
  if (field[0] === 0xff) return { ok: false, reason: 'negative base-256 value' };
  if (field[0] !== 0x80) return { ok: false, reason: `invalid base-256 marker 0x${field[0].toString(16)}` };
  let value = 0;
  for (let i = 1; i < field.length; i++) {
    value = value * 256 + field[i];
    if (value > Number.MAX_SAFE_INTEGER) return { ok: false, reason: 'base-256 value beyond 2^53' };
  }
  return { ok: true, value };
}

/** Parses a PAX decimal integer: digits only, no sign, at most MAX_SAFE_INTEGER. */
export function parseDecimal(text: string): number | undefined {
  if (!/^[0-9]{1,16}$/.test(text)) return undefined;
  const value = Number(text);
  return Number.isSafeInteger(value) ? value : undefined;
}

/** Parses a PAX time (`-12`, `1700000000.123456789`) to whole seconds, rounding down. */
export function parsePaxTime(text: string): number | undefined {
  const match = /^(-?)([0-9]{1,16})(?:\.[0-9]*)?$/.exec(text);
  if (!match) return undefined;
  const whole = Number(match[2]);
  if (!Number.isSafeInteger(whole)) return undefined;
  const fractional = text.includes('.') && /[1-9]/.test(text.slice(text.indexOf('.')));
  return match[1] === '-' ? -whole - (fractional ? 1 : 0) : whole;
}
