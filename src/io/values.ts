/** Reading numbers and dates as European and American exports write them (SPEC §3.2). */

export type DateOrder = 'ymd' | 'dmy' | 'mdy';

/**
 * A number, or null when the text is not one. With `decimalComma`, `7,5` is 7.5 and
 * `1.234,5` is 1234.5; a trailing `%` divides by 100. Hex, `Infinity` and blanks are not numbers.
 */
export function parseNumber(text: string, decimalComma: boolean): number | null {
  const fast = plainDecimal(text);
  if (fast === fast) return fast;
  let s = text;
  if (decimalComma && s.includes(',')) s = s.replace(/\./g, '').replace(',', '.');
  let scale = 1;
  if (s.endsWith('%')) {
    s = s.slice(0, -1).trimEnd();
    scale = 100;
  }
  if (s === '') return null;
  const v = Number(s);
  if (!Number.isFinite(v)) return null;
  const c1 = s.charCodeAt(1);
  if (s.length > 2 && (c1 | 32) >= 97 && (c1 | 32) <= 122 && (c1 | 32) !== 101) return null; // 0x1f, 0b1, 0o7
  return v / scale;
}

const POW10 = [1, 1e1, 1e2, 1e3, 1e4, 1e5, 1e6, 1e7, 1e8, 1e9, 1e10, 1e11, 1e12, 1e13, 1e14, 1e15];

/**
 * `[-]digits[.digits]` with at most 15 digits in text[start, end), `point` the decimal mark's
 * char code, read digit by digit; NaN for anything else (blanks, exponents, thousands marks…).
 * Exact: the integer mantissa and the power of ten are both representable, and IEEE division
 * rounds correctly, so the result is the same double as Number(text).
 */
export function decimalIn(text: string, start: number, end: number, point = 46): number {
  const negative = text.charCodeAt(start) === 45;
  let i = negative ? start + 1 : start;
  if (i === end || end - i > 16) return NaN;
  let mantissa = 0;
  let scale = -1;
  for (; i < end; i++) {
    const c = text.charCodeAt(i);
    if (c >= 48 && c <= 57) {
      mantissa = mantissa * 10 + (c - 48);
      if (scale >= 0) scale++;
    } else if (c === point && scale < 0 && i + 1 < end) scale = 0;
    else return NaN;
  }
  const v = scale > 0 ? mantissa / POW10[scale] : mantissa;
  return negative ? -v : v;
}

const plainDecimal = (text: string) => decimalIn(text, 0, text.length);

const ISO = /^(\d{4})[-/.](\d{1,2})[-/.](\d{1,2})(?:[T ](\d{1,2}):(\d{2})(?::(\d{2}))?)?/;
const LOCAL = /^(\d{1,2})[-/.](\d{1,2})[-/.](\d{4}|\d{2})(?!\d)(?:[T ,]+(\d{1,2}):(\d{2})(?::(\d{2}))?)?/;

/** Milliseconds since the epoch (UTC), or null when the text is no valid date in that order. */
export function parseDate(text: string, order: DateOrder): number | null {
  let m = ISO.exec(text);
  let y: number, mo: number, d: number;
  if (m) {
    [y, mo, d] = [Number(m[1]), Number(m[2]), Number(m[3])];
  } else {
    m = LOCAL.exec(text);
    if (!m) return null;
    const [a, b] = [Number(m[1]), Number(m[2])];
    y = Number(m[3]);
    if (m[3].length === 2) y += y < 70 ? 2000 : 1900;
    [d, mo] = order === 'mdy' ? [b, a] : [a, b];
  }
  if (mo < 1 || mo > 12 || d < 1 || d > new Date(Date.UTC(y, mo, 0)).getUTCDate()) return null;
  const [h, mi, s] = [Number(m[4] ?? 0), Number(m[5] ?? 0), Number(m[6] ?? 0)];
  if (h > 23 || mi > 59 || s > 59) return null;
  return Date.UTC(y, mo - 1, d, h, mi, s);
}

/**
 * Which order local dates are in, from a sample: a first part above 12 means day-first,
 * a second part above 12 month-first. `ambiguous` when the sample cannot tell.
 */
export function inferDateOrder(sample: string[]): { order: DateOrder; ambiguous: boolean } {
  let dayFirst = false;
  let monthFirst = false;
  let local = false;
  for (const text of sample) {
    if (ISO.test(text)) continue;
    const m = LOCAL.exec(text);
    if (!m) continue;
    local = true;
    if (Number(m[1]) > 12) dayFirst = true;
    if (Number(m[2]) > 12) monthFirst = true;
  }
  if (monthFirst && !dayFirst) return { order: 'mdy', ambiguous: false };
  return { order: 'dmy', ambiguous: local && !dayFirst };
}

/** A date order as people name it (iso, dmy, day-first, mm/dd/yyyy, …), or null. */
export function parseDateOrder(value: string): DateOrder | null {
  const v = value.toLowerCase().replace(/[^a-z]/g, '');
  const named: Record<string, DateOrder> = { ymd: 'ymd', iso: 'ymd', dmy: 'dmy', ddmmyyyy: 'dmy', dayfirst: 'dmy', mdy: 'mdy', mmddyyyy: 'mdy', monthfirst: 'mdy' };
  return Object.hasOwn(named, v) ? named[v] : null;
}
