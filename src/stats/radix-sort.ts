/**
 * Sorting probabilities without comparisons: for doubles whose sign bit is clear, the order of the
 * numbers is the order of their bit patterns read as unsigned integers (NaN last, as a comparison
 * sort puts it), so an LSD radix sort over the 64 bits, 16 at a time, sorts them exactly (the same
 * array a comparison sort gives) in four linear passes. The digits are the double's four 16-bit
 * lanes, read through one view, and all four are counted in a single pass first. Used for the AUC
 * of a million cases (SPEC §8).
 */

const DIGITS = 4;
const BUCKETS = 1 << 16;
/**
 * Below this many values the comparison sort (native code) is faster: a report sorts once, before
 * V8 has compiled the radix loops (measured on the 100,000-row European benchmark: 5% of its CPU).
 */
export const RADIX_MIN = 1 << 17;

/** `xs` sorted ascending, in place; any `-0` or negative value (sign bit set) falls back to the comparison sort. */
export function sortNonNegative(xs: Float64Array): Float64Array {
  if (xs.length < RADIX_MIN || !isLittleEndian) return xs.sort();
  const n = xs.length;
  const digits = new Uint16Array(xs.buffer, xs.byteOffset, n * DIGITS);
  if (!signClear(digits, n)) return xs.sort();
  const counts = histogram(digits, n);
  let from: Float64Array = xs;
  let to: Float64Array = new Float64Array(n);
  for (let d = 0; d < DIGITS; d++) {
    // A digit every value shares orders nothing.
    if (!offsets(counts, d, n)) continue;
    scatter(from, to, d, counts);
    [from, to] = [to, from];
  }
  if (from !== xs) xs.set(from);
  return xs;
}

const isLittleEndian = new Uint8Array(new Uint32Array([1]).buffer)[0] === 1;

/** Every value's sign bit clear (the top bit of its last lane, on a little-endian machine). */
function signClear(digits: Uint16Array, n: number): boolean {
  for (let i = 0; i < n; i++) if (digits[DIGITS * i + 3] >= 0x8000) return false;
  return true;
}

/** How many values have each value of each digit: digit d's counts at d·BUCKETS. */
function histogram(digits: Uint16Array, n: number): Uint32Array {
  const counts = new Uint32Array(DIGITS * BUCKETS);
  for (let i = 0; i < n; i++) {
    const at = DIGITS * i;
    counts[digits[at]]++;
    counts[BUCKETS + digits[at + 1]]++;
    counts[2 * BUCKETS + digits[at + 2]]++;
    counts[3 * BUCKETS + digits[at + 3]]++;
  }
  return counts;
}

/** Digit d's counts turned into where each bucket starts; false where one bucket holds every value. */
function offsets(counts: Uint32Array, d: number, n: number): boolean {
  let sum = 0;
  for (let b = d * BUCKETS; b < (d + 1) * BUCKETS; b++) {
    const c = counts[b];
    if (c === n) return false;
    counts[b] = sum;
    sum += c;
  }
  return true;
}

/** Each value of `from` to its place in `to` by digit d, keeping the order of equal digits. */
function scatter(from: Float64Array, to: Float64Array, d: number, counts: Uint32Array): void {
  const digits = new Uint16Array(from.buffer, from.byteOffset, from.length * DIGITS);
  const base = d * BUCKETS;
  for (let i = 0; i < from.length; i++) to[counts[base + digits[DIGITS * i + d]]++] = from[i];
}
