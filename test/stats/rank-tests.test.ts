/**
 * Rank tests against R's wilcox.test with its defaults (test/fixtures/r/rank-tests.R: each case
 * holds its data and its R call): exact where n < 50 without ties or zeros, the normal
 * approximation otherwise or with exact = FALSE; the Hodges–Lehmann estimate and interval, the
 * achieved level where the requested one is not, and R's warnings. To 1e-6.
 */
import { describe, expect, it } from 'vitest';
import { readJson } from '../helpers.js';
import { rankSum, signedRank } from '../../src/stats/wilcoxon.js';
import { psignrank, pwilcox, qsignrank, qwilcox } from '../../src/stats/rank-exact.js';
import type { Alternative } from '../../src/stats/alternative.js';

interface RCase {
  name: string;
  kind: 'signed' | 'sum';
  call: string;
  x: number[];
  y: number[];
  alternative: 'two.sided' | 'greater' | 'less';
  conf: number;
  exact: boolean | null;
  statistic: number;
  p: number;
  estimate: number;
  ci: [number | null, number | null];
  conf_level: number;
  method: string;
  warnings: string[] | string;
}

const cases: RCase[] = readJson(new URL('../fixtures/r/rank-tests.r.json', import.meta.url).pathname);
const close = (a: number, b: number | null) => (b === null ? expect(Math.abs(a)).toBe(Infinity) : expect(Math.abs(a - b)).toBeLessThan(1e-6 * Math.max(1, Math.abs(b))));

describe('wilcox.test as R computes it by default', () => {
  it.each(cases.map((c) => [c.name, c] as const))('%s', (_, c) => {
    const alternative = (c.alternative === 'two.sided' ? 'two-sided' : c.alternative) as Alternative;
    const options = { alternative, conf: c.conf, exact: c.exact === false ? false : undefined };
    const { test, warnings } = c.kind === 'signed' ? signedRank(c.x, c.y, options) : rankSum(c.x, c.y, options);
    expect(test.method).toBe(/exact/.test(c.method) ? 'exact' : 'normal');
    close(test.statistic, c.statistic);
    close(test.p, c.p);
    close(test.estimate, c.estimate);
    close(test.ci[0], c.ci[0]);
    close(test.ci[1], c.ci[1]);
    expect(test.conf_level ?? c.conf).toBeCloseTo(c.conf_level, 12);
    const rWarnings = ([] as string[]).concat(c.warnings);
    if (rWarnings.some((w) => /ties|zeroes/.test(w))) expect(warnings.join(' ')).toMatch(/normal approximation is used/);
    if (rWarnings.some((w) => /not achievable/i.test(w))) expect(warnings.join(' ')).toMatch(/not achievable/);
    if (!rWarnings.length) expect(warnings).toEqual([]);
  });

  it('says the level it reached as R prints it (0.6), while the number is R\'s own (0.5999999999999996)', () => {
    // R 4: attr(wilcox.test(c(5, 2, 5), c(3, 4, 2), paired = TRUE, conf.int = TRUE)$conf.int, "conf.level")
    // prints 0.6 and holds 0.59999999999999964 (alpha = 1 - 0.95, doubled until reached).
    const { test, warnings } = signedRank([5, 2, 5], [3, 4, 2]);
    expect(test.conf_level).toBe(0.5999999999999996);
    expect(warnings).toContain('Wilcoxon signed-rank: the requested confidence level is not achievable; the interval is at 0.6 (as R warns)');
  });

  it('the issue\'s case: at n = 10 without ties the p-value is exact (R .0273), not the approximation (.0323)', () => {
    const c = cases.find((k) => k.name === 'signed n=10 exact')!;
    expect(signedRank(c.x, c.y).test.p).toBeCloseTo(0.02734375, 12);
    expect(signedRank(c.x, c.y, { exact: false }).test.p).toBeCloseTo(0.0323129112432441, 9);
  });
});

describe('the exact distributions', () => {
  it('sum to one, are symmetric, and invert each other (psignrank, qsignrank, pwilcox, qwilcox)', () => {
    for (const n of [1, 2, 5, 10, 23, 49]) {
      const max = (n * (n + 1)) / 2;
      expect(psignrank(max, n)).toBe(1);
      for (let q = 0; q < max; q += Math.max(1, Math.floor(max / 7))) {
        expect(psignrank(q, n) + psignrank(q, n, false)).toBeCloseTo(1, 12);
        expect(psignrank(q, n)).toBeCloseTo(psignrank(max - q - 1, n, false), 12);
      }
      for (const p of [0.01, 0.025, 0.3, 0.5, 0.9]) {
        const q = qsignrank(p, n);
        expect(psignrank(q, n)).toBeGreaterThanOrEqual(p - 1e-12);
        if (q > 0) expect(psignrank(q - 1, n)).toBeLessThan(p);
      }
    }
    for (const [m, n] of [[1, 1], [3, 4], [8, 9], [20, 31], [49, 49]]) {
      for (let q = 0; q < m * n; q += Math.max(1, Math.floor((m * n) / 5))) {
        expect(pwilcox(q, m, n) + pwilcox(q, m, n, false)).toBeCloseTo(1, 10);
        expect(pwilcox(q, m, n)).toBeCloseTo(pwilcox(q, n, m), 10);
      }
      for (const p of [0.025, 0.5, 0.95]) {
        const q = qwilcox(p, m, n);
        expect(pwilcox(q, m, n)).toBeGreaterThanOrEqual(p - 1e-10);
        if (q > 0) expect(pwilcox(q - 1, m, n)).toBeLessThan(p);
      }
    }
    // R: psignrank(10, 10) = 0.04199219; pwilcox(20, 8, 9) = 0.1139449 (from rank-tests: p/2 of the exact case).
    expect(psignrank(10, 10)).toBeCloseTo(43 / 1024, 12);
  });
});
