/** Numbers as people read them: never a "-0.00" (an estimate of −0.001 shown to two decimals). */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { fixed, num, percent } from '../../src/report/format.js';

describe('fixed decimals', () => {
  it('reads as toFixed, except that a value rounding to zero has no sign', () => {
    fc.assert(
      fc.property(fc.double({ noNaN: true, min: -1e6, max: 1e6 }), fc.integer({ min: 0, max: 6 }), (x, d) => {
        const s = fixed(x, d);
        expect(s).not.toMatch(/^-0\.?0*$/);
        expect(Number(s)).toBe(Number(x.toFixed(d)) || 0);
      }),
    );
    expect([fixed(-0, 2), num(-0.001, 2), percent(-0.00001), num(-0.01, 2)]).toEqual(['0.00', '0.00', '0.0%', '-0.01']);
  });
});
