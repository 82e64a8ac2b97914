/**
 * --equivalence (TOST) and Cohen's d_z's noncentral-t interval against R
 * (test/fixtures/r/equivalence.R): t.test pairs with mu = ±delta and the 1 − 2α interval, for the
 * within, between and baseline designs; pt(q, df, ncp) and the d_z bounds, exact and as
 * effectsize::cohens_d(paired = TRUE) finds them. To 1e-6.
 */
import { describe, expect, it } from 'vitest';
import { cohensDz } from '../../src/stats/effect-size.js';
import { pnt } from '../../src/stats/noncentral-t.js';
import { fixture, readJson, srp } from '../helpers.js';

const R = readJson(fixture('r/equivalence.r.json'));
const close = (a: number, b: number) => expect(Math.abs(a - b)).toBeLessThan(1e-6 * Math.max(1, Math.abs(b)));
const doc = (args: string[]) => {
  const r = srp(['test', '--format', 'json', ...args]);
  expect(r.code, r.stderr).toBe(0);
  return JSON.parse(r.stdout);
};

describe('two one-sided tests', () => {
  it.each([
    ['within_0.1', ['--equivalence', '0.1', fixture('r/within-500.csv')]],
    ['within_0.5', ['--equivalence', '0.5', fixture('r/within-500.csv')]],
    ['between_0.2', ['--equivalence', '0.2', fixture('r/between-400.csv')]],
    ['between_1', ['--equivalence', '1', fixture('r/between-400.csv')]],
    ['baseline_0.5', ['--equivalence', '0.5', '--baseline', '3.8', fixture('r/between-segments.csv')]],
  ])('%s', (name, args) => {
    const e = doc(args).equivalence;
    const r = R[name];
    expect(e.delta).toBe(r.delta);
    for (const side of ['lower', 'upper']) {
      close(e[side].statistic, r[side].statistic);
      close(e[side].p, r[side].p);
    }
    close(e.df, r.df);
    close(e.p, r.p);
    close(e.ci[0], r.ci[0]);
    close(e.ci[1], r.ci[1]);
    expect(e.conf_level).toBeCloseTo(0.9, 12);
  });

  it('reads as restored to par only where both one-sided tests reject', () => {
    expect(doc(['--equivalence', '0.5', fixture('r/within-500.csv')]).summary).toMatch(/restored to par within ±0.5 scale points: the mean change is shown to lie between −0.5 and 0.5 \(two one-sided tests, p < .001, 90% CI \[0.13, 0.33\]\)/);
    expect(doc(['--equivalence', '0.1', fixture('r/within-500.csv')]).summary).toMatch(/Equivalence within ±0.1 scale points is not shown/);
  });

  it('every difference zero: the one-sided tests reject as R (t = ±Inf), and the interval is NaN as R gives it, not [0, 0]', () => {
    // R: x <- rep(1:5, 2); t.test(x, x, paired = TRUE, mu = 0.5, alternative = "less", conf.level = 0.9) → t = -Inf, CI NaN NaN.
    const e = doc(['--equivalence', '0.5', fixture('r/zero-diff.csv')]).equivalence;
    expect(e.ci).toEqual([null, null]);
    expect(e.p).toBe(0);
    expect(e.lower.statistic).toBeNull();
  });

  it('is refused for binary satisfaction, and a margin that is not a positive number is a usage error', () => {
    const binary = srp(['test', '--format', 'json', '--equivalence', '0.1', fixture('r/within-binary.csv')]);
    expect(JSON.parse(binary.stdout).equivalence).toBeUndefined();
    expect(binary.stderr).toMatch(/--equivalence: not computed, satisfaction is binary here/);
    expect(srp(['test', '--equivalence', '-1', fixture('r/within-500.csv')])).toMatchObject({ code: 2, stderr: expect.stringMatching(/--equivalence: '-1' is not a positive number/) });
  });
});

describe("Cohen's d_z with its noncentral-t interval", () => {
  it('pt(q, df, ncp) is R\'s, in both tails, far out and for large df', () => {
    for (const c of R.pt) close(pnt(c.q, c.df, c.ncp), c.p);
  });
  it.each(['dz_small', 'dz_negative'])('%s: the exact bounds, and effectsize\'s to its optimiser\'s precision', (name) => {
    const r = R[name];
    const d = cohensDz(r.x, r.y);
    close(d.value, r.value);
    close(d.ci[0], r.exact_ci[0]);
    close(d.ci[1], r.exact_ci[1]);
    close(d.ci[0], r.effectsize_ci[0]);
    close(d.ci[1], r.effectsize_ci[1]);
  });
  it('within-500, through srp test', () => {
    const e = doc([fixture('r/within-500.csv')]).effect_size;
    close(e.value, R.dz_within500.value);
    close(e.ci[0], R.dz_within500.exact_ci[0]);
    close(e.ci[1], R.dz_within500.exact_ci[1]);
  });
});
