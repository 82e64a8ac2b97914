/**
 * The radix sort of probabilities (stats/radix-sort.ts) gives, bit for bit, what a comparison sort
 * gives, and the AUC of a large data set is still the Mann–Whitney U from mid-ranks.
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { aucOfSorted, sortClasses } from '../../src/stats/calibration.js';
import { RADIX_MIN, sortNonNegative } from '../../src/stats/radix-sort.js';
import { averageRanks } from '../../src/stats/ranks.js';
import { seededRandom } from '../../src/stats/random.js';

/** Enough values that the radix sort runs (below RADIX_MIN the comparison sort does). */
const LARGE = RADIX_MIN + 8_000;

/** Where two arrays first differ bit for bit, or −1 (a diff of so many values would take minutes to print). */
function firstDifference(a: Float64Array, b: Float64Array): number {
  const x = new BigUint64Array(a.buffer, a.byteOffset, a.length);
  const y = new BigUint64Array(b.buffer, b.byteOffset, b.length);
  for (let i = 0; i < Math.max(x.length, y.length); i++) if (x[i] !== y[i]) return i;
  return -1;
}

describe('sortNonNegative', () => {
  it('sorts as Float64Array.prototype.sort does, for any non-negative doubles (ties, 0, subnormals, 1, Infinity)', () => {
    const value = fc.oneof(fc.double({ min: 0, max: 1, noNaN: true, noDefaultInfinity: true }), fc.constantFrom(0, 5e-324, 1, 0.5, Infinity, 1e300));
    fc.assert(
      fc.property(fc.array(value, { minLength: 1, maxLength: 200 }), fc.integer({ min: 1, max: 2 ** 31 }), (pool, seed) => {
        const random = seededRandom(seed);
        const xs = Float64Array.from({ length: LARGE }, () => pool[Math.floor(random() * pool.length)]);
        expect(firstDifference(sortNonNegative(xs.slice()), xs.slice().sort())).toBe(-1);
      }),
      { numRuns: 25, endOnFailure: true }, // (no shrinking: LARGE values a run)
    );
  });

  it('gives the comparison sort\'s order with a negative, −0 (both sorted by it) or NaN (last, as it puts NaN)', () => {
    for (const odd of [-0.25, -0, NaN]) {
      const random = seededRandom(7);
      const xs = Float64Array.from({ length: LARGE }, (_, i) => (i === 123 ? odd : random()));
      expect(firstDifference(sortNonNegative(xs.slice()), xs.slice().sort())).toBe(-1);
    }
  });
});

describe('the AUC of a large data set', () => {
  it('is U / (n₊ n₋) with U from mid-ranks, as R computes it (wilcox.test(p[y == 1], p[y == 0])$statistic)', () => {
    const random = seededRandom(11);
    const n = 100_000;
    // Probabilities on a grid of 1/1000 (many ties) and outcomes that follow them.
    const p = Float64Array.from({ length: n }, () => Math.round(random() * 1000) / 1000);
    const y = Uint8Array.from(p, (v) => (random() < v ? 1 : 0));
    const { ranks } = averageRanks(p);
    let positives = 0;
    let rankSum = 0;
    for (let i = 0; i < n; i++) if (y[i]) (positives++, (rankSum += ranks[i]));
    const u = rankSum - (positives * (positives + 1)) / 2;
    expect(aucOfSorted(sortClasses(p, y))).toBeCloseTo(u / (positives * (n - positives)), 12);
  });
});
