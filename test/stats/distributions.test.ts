/**
 * The one quantile srp keeps as a number (stats/distributions.ts): z for 95% is stdlib's own
 * qnorm(0.975), bit for bit, and R's to the last place but one.
 */
import { createRequire } from 'node:module';
import { describe, expect, it } from 'vitest';
import { qnorm, Z_975 } from '../../src/stats/distributions.js';

const quantile = createRequire(import.meta.url)('@stdlib/stats-base-dists-normal-quantile') as (p: number, mu: number, sigma: number) => number;

describe('qnorm', () => {
  it('gives stdlib\'s z for 95% without loading it, and stdlib\'s quantile for any other p', () => {
    expect(Z_975).toBe(quantile(0.975, 0, 1));
    // R: qnorm(0.975) = 1.9599639845400536
    expect(Z_975).toBeCloseTo(1.9599639845400536, 15);
    for (const p of [0.5, 0.9, 0.95, 0.995]) expect(qnorm(p)).toBe(quantile(p, 0, 1));
  });
});
