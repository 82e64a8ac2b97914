/**
 * Sorting probabilities without comparisons: for doubles that are not negative, the order of the
 * numbers is the order of their bit patterns read as unsigned integers, so an LSD radix sort over
 * the 64 bits, 16 at a time, sorts them exactly (the same array a comparison sort gives) in four
 * linear passes. Used for the AUC of a million cases (SPEC §8).
 */

const DIGIT = 16;
const BUCKETS = 1 << DIGIT;
const MASK = BUCKETS - 1;
/** Below this many values a comparison sort is as fast. */
const SMALL = 32768;

/** `xs` sorted ascending, in place; any order of `-0`, negatives or NaN falls back to the comparison sort. */
export function sortNonNegative(xs: Float64Array): Float64Array {
  if (xs.length < SMALL || !isLittleEndian || !allNonNegative(xs)) return xs.sort();
  let from: Float64Array = xs;
  let to: Float64Array = new Float64Array(xs.length);
  const counts = new Uint32Array(BUCKETS);
  // Word 0 of a double is its low 32 bits, word 1 its high 32 (sign, exponent, the mantissa's top).
  for (let pass = 0; pass < 4; pass++) {
    const words = new Uint32Array(from.buffer, from.byteOffset, from.length * 2);
    const word = pass >> 1;
    const shift = (pass & 1) * DIGIT;
    counts.fill(0);
    for (let i = 0; i < from.length; i++) counts[(words[2 * i + word] >>> shift) & MASK]++;
    // A digit every value shares orders nothing.
    if (counts[(words[word] >>> shift) & MASK] === from.length) continue;
    let sum = 0;
    for (let b = 0; b < BUCKETS; b++) {
      const n = counts[b];
      counts[b] = sum;
      sum += n;
    }
    for (let i = 0; i < from.length; i++) to[counts[(words[2 * i + word] >>> shift) & MASK]++] = from[i];
    [from, to] = [to, from];
  }
  if (from !== xs) xs.set(from);
  return xs;
}

const isLittleEndian = new Uint8Array(new Uint32Array([1]).buffer)[0] === 1;

/** Every value ≥ 0 and not −0 or NaN: the sign bit clear and not NaN. */
function allNonNegative(xs: Float64Array): boolean {
  for (let i = 0; i < xs.length; i++) if (!(xs[i] >= 0) || Object.is(xs[i], -0)) return false;
  return true;
}
