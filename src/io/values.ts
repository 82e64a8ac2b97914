/** Reading numbers as European and American exports write them, and the texts that mean "no value" (SPEC §3.2). */

/** The texts exports write for "no value" (SPEC §3.2: `?` is ServiceNow's, `-` Zendesk's), besides the empty cell. */
export const MISSING_MARKERS: readonly string[] = ['?', 'N/A', 'n/a', 'NA', '#N/A', '-', 'null', 'NULL'];

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

/** The number before a trailing `%` (`80%` → 80), or null where the text is no percentage. */
export function percentOf(text: string, decimalComma: boolean): number | null {
  const s = text.trimEnd();
  if (!s.endsWith('%')) return null;
  const share = parseNumber(s, decimalComma);
  return share === null ? null : parseNumber(s.slice(0, -1).trimEnd(), decimalComma);
}

/**
 * A percentage on a scale (SPEC §3.1): `p%` is p/100 on a 0–1 scale and p on a 0–100 scale; on any
 * other scale it means nothing certain (null).
 */
export function percentOnScale(p: number, [lo, hi]: readonly [number, number]): number | null {
  if (lo === 0 && hi === 1) return p / 100;
  if (lo === 0 && hi === 100) return p;
  return null;
}

/** The powers of ten a decimal with at most 15 digits is divided by, each exact. */
export const POW10 = [1, 1e1, 1e2, 1e3, 1e4, 1e5, 1e6, 1e7, 1e8, 1e9, 1e10, 1e11, 1e12, 1e13, 1e14, 1e15];

/**
 * `[-]digits[.digits]` with at most 15 digits in text[start, end), `point` the decimal mark's
 * char code, read digit by digit; NaN for anything else (blanks, exponents, thousands marks…).
 * Exact: the integer mantissa and the power of ten are both representable, and IEEE division
 * rounds correctly, so the result is the same double as Number(text). (The fast path of reading
 * compiles the same rule into its line reader: plain-line.ts.)
 */
export function decimalIn(text: string, start: number, end: number, point = 46): number {
  const negative = text.charCodeAt(start) === 45;
  const first = negative ? start + 1 : start;
  let mantissa = 0;
  let scale = -1;
  let i = first;
  for (; i < end; i++) {
    const c = text.charCodeAt(i);
    if (c >= 48 && c <= 57) {
      mantissa = mantissa * 10 + (c - 48);
      if (scale >= 0) scale++;
    } else if (c === point && scale < 0) scale = 0;
    else return NaN;
  }
  // Nothing after the sign, a point with no digit after it, more than 15 digits.
  if (i === first || scale === 0 || i - first > (scale < 0 ? 15 : 16)) return NaN;
  const v = scale > 0 ? mantissa / POW10[scale] : mantissa;
  return negative ? -v : v;
}

const plainDecimal = (text: string) => decimalIn(text, 0, text.length);
