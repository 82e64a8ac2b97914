import { describe, expect, it } from 'vitest';
import { fixture, readJson, srp } from '../helpers.js';

const TOL = 1e-6;
const json = readJson;
const run = (args: string[]) => {
  const r = srp(['test', '--format', 'json', ...args]);
  expect(r.stderr).toBe('');
  return JSON.parse(r.stdout);
};

/** Every number in `expected` matches `actual` to TOL (R writes an infinite bound as "Inf"; JSON has null). */
function matchR(actual: unknown, expected: unknown, path = ''): void {
  if (expected === 'Inf' || expected === '-Inf') return expect(actual, path).toBeNull();
  if (typeof expected === 'number') return expect(Math.abs((actual as number) - expected), `${path}: ${actual} vs R ${expected}`).toBeLessThan(TOL);
  if (Array.isArray(expected)) return expected.forEach((e, i) => matchR((actual as unknown[])[i], e, `${path}[${i}]`));
  if (typeof expected === 'object' && expected !== null) for (const [k, v] of Object.entries(expected)) matchR((actual as Record<string, unknown>)?.[k], v, `${path}.${k}`);
  else expect(actual, path).toEqual(expected);
}

describe('srp test matches R to 1e-6', () => {
  it('within-subject: paired t, Wilcoxon V, d_z, paradox rate with Wilson interval, moderators, logistic (shared/fixtures/within-500)', () => {
    const r = json(fixture('r/within-500.r.json'));
    const doc = run([fixture('r/within-500.csv')]);
    expect(doc.schema).toBe('srp.test/1');
    expect(doc.design).toBe('within');
    expect(doc.n).toBe(500);
    matchR(doc.paired_t, r.paired_t, 'paired_t');
    matchR(doc.wilcoxon, r.wilcoxon, 'wilcoxon');
    matchR(doc.effect_size, r.effect_size, 'effect_size');
    matchR(doc.paradox_rate, r.paradox_rate, 'paradox_rate');
    expect(doc.moderators).toHaveLength(8);
    matchR(doc.moderators, r.moderators, 'moderators');
    matchR(doc.logistic.terms, r.logistic.terms, 'logistic');
    matchR(doc.logistic.deviance, r.logistic.deviance);
    matchR(doc.logistic.aic, r.logistic.aic);
  });

  it('within-subject, one-sided: --alternative greater gives R\'s p and an infinite upper bound (null)', () => {
    const r = json(fixture('r/within-500.r.json'));
    const doc = run(['--alternative', 'greater', fixture('r/within-500.csv')]);
    matchR(doc.paired_t, r.paired_t_greater, 'paired_t_greater');
  });

  it('between-subject: Welch t, Mann-Whitney W, Hedges g with interval (shared/fixtures/between-400)', () => {
    const r = json(fixture('r/between-400.r.json'));
    const doc = run([fixture('r/between-400.csv')]);
    expect(doc.design).toBe('between');
    expect(doc.n).toEqual({ failure: r.n[0], control: r.n[1] });
    matchR(doc.welch_t, r.welch_t, 'welch_t');
    matchR(doc.wilcoxon, r.wilcoxon, 'wilcoxon');
    matchR(doc.effect_size, r.effect_size, 'effect_size');
  });

  it('between-subject with tied scores, moderators by all four factors, and one-sided tests (own R fixture)', () => {
    const file = fixture('r/between-moderators.csv');
    const r = json(fixture('r/between-moderators.r.json'));
    const base = json(fixture('r/between-moderators.between.r.json'));
    const doc = run([file]);
    matchR(doc.welch_t, base.welch_t, 'welch_t');
    matchR(doc.wilcoxon, base.wilcoxon, 'wilcoxon');
    matchR(doc.effect_size, base.effect_size, 'effect_size');
    expect(doc.moderators).toHaveLength(8);
    matchR(doc.moderators, r.moderators, 'moderators');
    const less = run(['--alternative', 'less', '--conf-level', '0.9', file]);
    matchR(less.welch_t, r.welch_t_less_90, 'welch_t_less_90');
    matchR(less.wilcoxon, { statistic: r.wilcoxon_less.statistic, p: r.wilcoxon_less.p }, 'wilcoxon_less');
  });

  it('binary within-subject: McNemar with continuity correction, words in four languages (own R fixture)', () => {
    const r = json(fixture('r/within-binary.r.json'));
    const doc = run([fixture('r/within-binary.csv')]);
    expect(doc.binary).toBe(true);
    expect(doc.n).toBe(r.n);
    matchR(doc.mcnemar, r.mcnemar, 'mcnemar');
  });

  it('binary between-subject: difference of proportions and chi-squared as prop.test (own R fixture)', () => {
    const r = json(fixture('r/between-binary.r.json'));
    const doc = run([fixture('r/between-binary.csv')]);
    expect(doc.n).toEqual({ failure: r.n[0], control: r.n[1] });
    matchR(doc.prop_test, r.prop_test, 'prop_test');
  });

  it('writes APA lines and a plain-language reading in text', () => {
    const text = srp(['test', fixture('r/within-500.csv')]).stdout;
    expect(text).toContain('Paired t-test: t(499) = 3.74, p < .001, mean difference (post − pre) = 0.23, 95% CI [0.11, 0.35]');
    expect(text).toContain("Cohen's d_z = 0.17");
    expect(text).toMatch(/These data show the service recovery paradox: .* The paradox depends on how severe the failure was.* \(interaction tests, Holm-adjusted\)/);
  });
});
