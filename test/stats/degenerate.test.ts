/**
 * Never a number or a claim the data cannot support (issue 10): where R refuses, srp refuses; where
 * R warns, srp warns; small p-values keep their digits; the design never changes silently. R's
 * numbers: test/fixtures/r/degenerate.r.json, made by `Rscript degenerate.R` from the data that
 * `node make-degenerate.mjs` writes (both beside it).
 */
import { describe, expect, it } from 'vitest';
import { writeFileSync } from 'node:fs';
import { fixture, readJson, srp, tempDir } from '../helpers.js';

const r = readJson(fixture('r/degenerate.r.json'));
const close = (a: number, b: number, tol = 1e-6) => expect(Math.abs(a - b)).toBeLessThanOrEqual(tol * Math.max(1, Math.abs(b)));
const test = (args: string[]) => {
  const res = srp(['test', '--format', 'json', ...args]);
  if (res.code !== 0) throw new Error(`exit ${res.code}: ${res.stderr}`);
  return { doc: JSON.parse(res.stdout), stderr: res.stderr };
};

describe('where R refuses, srp refuses', () => {
  it('every difference +1: no t statistic, no p, no interval, no paradox claim (R: "data are essentially constant")', () => {
    expect(r.constant_paired_t.error).toBe('data are essentially constant');
    const { doc, stderr } = test([fixture('r/constant-diff.csv')]);
    expect(doc.paired_t).toMatchObject({ statistic: null, p: null, ci: [null, null], estimate: 1, refused: 'data are essentially constant (every difference is +1)' });
    expect(doc.summary).not.toMatch(/show the service recovery paradox/);
    expect(doc.summary).toMatch(/cannot be computed: data are essentially constant/);
    expect(stderr).toMatch(/paired t-test \(the whole sample\): not computed, data are essentially constant/);
    // Inside a moderator level of five cases, all +1, the same.
    const low = doc.moderators.find((m: any) => m.factor === 'severity' && m.level === 'low');
    expect(low).toMatchObject({ n: 5, paired_t: { p: null, refused: expect.stringMatching(/essentially constant/) } });
    expect(doc.summary).not.toMatch(/It appears where/);
    const text = srp(['test', fixture('r/constant-diff.csv')]).stdout;
    expect(text).toMatch(/Paired t-test: not computed \(data are essentially constant/);
    expect(text).not.toMatch(/p < \.001/);
  });

  it('every difference 0: t, p and interval are NaN, as R reports them, and no conclusion is drawn', () => {
    expect(r.zero_paired_t).toMatchObject({ statistic: 'NaN', p: 'NaN', ci: ['NaN', 'NaN'], estimate: 0 });
    const { doc, stderr } = test([fixture('r/zero-diff.csv')]);
    expect(doc.paired_t).toMatchObject({ statistic: null, p: null, ci: [null, null], estimate: 0, df: 5 });
    // Said on standard error too, as R warns of the rank test ("cannot compute exact p-value with zeroes").
    expect(stderr).toMatch(/paired t-test \(the whole sample\): undefined, every difference is 0/);
    expect(stderr).toMatch(/cannot compute exact p-value with zeroes/);
    // R warns so at any n: after the zeros no difference is left, and 0 < 50 asks for the exact test.
    const dir = tempDir();
    writeFileSync(`${dir}/zero60.csv`, ['pre_satisfaction,post_satisfaction', ...Array.from({ length: 60 }, (_, i) => `${1 + (i % 5)},${1 + (i % 5)}`)].join('\n') + '\n');
    expect(test([`${dir}/zero60.csv`]).stderr).toMatch(/cannot compute exact p-value with zeroes/);
    expect(doc.summary).toMatch(/undefined on these data/);
    expect(doc.summary).not.toMatch(/does not differ significantly/);
  });

  it('both groups constant (between): the Welch test is refused, not "does not differ (p = NA)"', () => {
    expect(r.constant_welch_t.error).toBe('data are essentially constant');
    const { doc } = test([fixture('r/between-constant.csv')]);
    expect(doc.welch_t).toMatchObject({ statistic: null, p: null, estimate: 1, refused: expect.stringMatching(/essentially constant/) });
    expect(doc.summary).not.toMatch(/does not differ significantly/);
  });
});

describe('where R warns, srp warns; p-values from upper tails', () => {
  it('prop.test with an expected count below 5: R\'s warning, and Fisher\'s exact test beside it, as R', () => {
    expect(r.small_prop_test.warning).toBe('Chi-squared approximation may be incorrect');
    const { doc, stderr } = test([fixture('r/between-binary-small.csv')]);
    close(doc.prop_test.statistic, r.small_prop_test.statistic);
    close(doc.prop_test.p, r.small_prop_test.p);
    close(doc.fisher_test.p, r.small_fisher.p);
    close(doc.fisher_test.estimate, r.small_fisher.estimate);
    doc.fisher_test.ci.forEach((x: number, i: number) => close(x, r.small_fisher.ci[i]));
    expect(stderr).toMatch(/Chi-squared approximation may be incorrect/);
    const greater = test(['--alternative', 'greater', fixture('r/between-binary-small.csv')]).doc;
    close(greater.fisher_test.p, r.small_fisher_greater.p);
    close(greater.fisher_test.ci[0], r.small_fisher_greater.ci[0]);
    expect(greater.fisher_test.ci[1]).toBeNull();
  });

  it('p-values far below 1e-100 keep their digits (prop.test, McNemar)', () => {
    const between = test([fixture('r/between-binary-large.csv')]).doc;
    close(between.prop_test.statistic, r.large_prop_test.statistic);
    expect(between.prop_test.p / r.large_prop_test.p).toBeCloseTo(1, 9);
    const within = test([fixture('r/within-binary-large.csv')]).doc;
    close(within.mcnemar.statistic, r.large_mcnemar.statistic);
    expect(within.mcnemar.p / r.large_mcnemar.p).toBeCloseTo(1, 9);
  });

  it('a one-sided McNemar is the exact binomial test on the discordant pairs, and says so', () => {
    const { doc, stderr } = test(['--alternative', 'greater', fixture('r/within-binary.csv')]);
    expect(doc.mcnemar).toBeUndefined();
    expect(doc.binom_test).toMatchObject({ successes: r.within_binary_binom_greater.successes, trials: r.within_binary_binom_greater.trials });
    close(doc.binom_test.p, r.within_binary_binom_greater.p);
    close(doc.binom_test.ci[0], r.within_binary_binom_greater.ci[0]);
    expect(stderr).toMatch(/McNemar's test has no one-sided form in R/);
  });
});

describe('the design never changes silently', () => {
  it('satisfaction answered only with 0 and 1 stays numeric (paired t, as R) unless --binary (McNemar, as R)', () => {
    const { doc, stderr } = test([fixture('r/within-zero-one.csv')]);
    expect(doc.binary).toBe(false);
    close(doc.paired_t.statistic, r.zero_one_paired_t.statistic);
    close(doc.paired_t.p, r.zero_one_paired_t.p);
    expect(stderr).toMatch(/answers are only 0 and 1: .* give --binary/);
    const binary = test(['--binary', fixture('r/within-zero-one.csv')]).doc;
    expect(binary.binary).toBe(true);
    close(binary.mcnemar.statistic, r.zero_one_mcnemar.statistic);
    close(binary.mcnemar.p, r.zero_one_mcnemar.p);
  });

  it('--binary on scores (1–7) is refused, saying why, instead of rejecting every row as off a 0–1 scale; with --scale it contradicts itself', () => {
    const scores = fixture('r/within-500.csv');
    const r1 = srp(['report', '--binary', scores]);
    expect(r1.code).toBe(2);
    expect(r1.stderr).toMatch(/--binary reads satisfaction 1 as satisfied and 0 as not, and .*within-500.csv holds satisfaction numbers from [\d.]+ to [\d.]+: leave out --binary/);
    const r2 = srp(['report', '--binary', '--scale', '1,7', scores]);
    expect(r2.code).toBe(2);
    expect(r2.stderr).toMatch(/--binary: satisfaction is read as satisfied or not, and --scale 1,7 reads it as a score/);
  });

  it('pre_satisfaction beside a group column: the within design, the control group\'s change beside it, and a warning', () => {
    const dir = tempDir();
    const rows = ['case_id,group,pre_satisfaction,post_satisfaction'];
    for (let i = 0; i < 12; i++) rows.push(`F${i},failure,${3 + (i % 3)},${4 + (i % 4)}`, `C${i},control,${3 + (i % 3)},${3 + (i % 2)}`);
    writeFileSync(`${dir}/both.csv`, rows.join('\n') + '\n');
    const { doc, stderr } = test([`${dir}/both.csv`]);
    expect(doc.design).toBe('within');
    expect(doc.n).toBe(12);
    expect(doc.control).toMatchObject({ n: 12 });
    expect(doc.design_reason).toMatch(/control group beside/);
    expect(stderr).toMatch(/design within, not between/);
    expect(test(['--design', 'between', `${dir}/both.csv`]).stderr).toMatch(/pre_satisfaction is not used/);
  });
});

describe('factors the data cannot speak to', () => {
  const data = () => {
    const dir = tempDir();
    const rows = ['case_id,severity,stability,recovery_quality,pre_satisfaction,post_satisfaction'];
    for (let i = 0; i < 60; i++) rows.push(`K${i},${(i % 10) / 10},${(i % 7) / 7},${(i % 9) / 9},5,${(i * 7) % 3 === 0 ? 6 : 4}`);
    writeFileSync(`${dir}/d.csv`, rows.join('\n') + '\n');
    writeFileSync(`${dir}/map.json`, JSON.stringify({ columns: { controllability: { value: 0.3 } } }));
    return dir;
  };

  it('a mapping constant is no moderator, and fit drops it (as R drops an aliased term) instead of refusing the model', () => {
    const dir = data();
    const { doc, stderr } = test(['--map', `${dir}/map.json`, `${dir}/d.csv`]);
    expect(doc.moderators.some((m: any) => m.factor === 'controllability')).toBe(false);
    expect(stderr).toMatch(/controllability is set by the mapping, not observed/);
    const fit = srp(['fit', '--format', 'json', '--map', `${dir}/map.json`, `${dir}/d.csv`]);
    expect(fit.code).toBe(0);
    const f = JSON.parse(fit.stdout);
    expect(f.terms.map((t: any) => t.term)).toEqual(['intercept', 'severity', 'stability', 'recovery_quality']);
    expect(f.model.coefficients.controllability).toMatchObject({ value: -1 });
    expect(fit.stderr).toMatch(/controllability dropped from the fit: set to one value by the mapping/);
    // The file keeps the base coefficient (−1) for the held factor, so its intercept is the fitted one less −1 × 0.3.
    expect(f.model.intercept.value).toBeCloseTo(f.terms[0].estimate + 0.3, 12);
  });

  it('a factor held at one value in the data: the model file predicts on that data what the fit does', () => {
    const dir = tempDir();
    const rows = ['case_id,severity,prior_failures,controllability,stability,recovery_quality,pre_satisfaction,post_satisfaction'];
    for (let i = 0; i < 200; i++) rows.push(`K${i},${(i % 10) / 10},${i % 3},${(i % 7) / 7},1,${(i % 9) / 9},3,${(i * 7) % 5 < 2 + (i % 9) / 4 ? 4 : 2}`);
    writeFileSync(`${dir}/d.csv`, rows.join('\n') + '\n');
    const f = JSON.parse(srp(['fit', '--format', 'json', '-o', `${dir}/model.json`, `${dir}/d.csv`]).stdout);
    expect(f.terms.map((t: any) => t.term)).not.toContain('stability');
    // The fitted intercept absorbed stability = 1; the file keeps its base coefficient −1 and adds it back to the intercept:
    // the mean probability on the fitting data is then the observed rate, as a logistic fit's is (it was 0.345 against 0.4).
    const rep = JSON.parse(srp(['report', '--format', 'json', '--model', `${dir}/model.json`, `${dir}/d.csv`]).stdout);
    expect(rep.assumed).toMatchObject({ severity: 0, prior_failures: 0, controllability: 0, stability: 0, recovery_quality: 0 });
    expect(rep.predicted.mean_probability).toBeCloseTo(rep.observed.rate, 9);
  });

  it('test and fit apply one rule for the logistic model: 12 cases are refused by both', () => {
    const dir = tempDir();
    const rows = ['severity,recovery_quality,pre_satisfaction,post_satisfaction'];
    for (let i = 0; i < 12; i++) rows.push(`${(i % 4) / 4},${(i % 3) / 3},5,${i % 2 ? 6 : 4}`);
    writeFileSync(`${dir}/few.csv`, rows.join('\n') + '\n');
    expect(test([`${dir}/few.csv`]).doc.logistic.refused).toMatch(/too few cases \(12 .*at least 20/);
    expect(srp(['fit', `${dir}/few.csv`]).stderr).toMatch(/cannot fit: too few cases \(12 /);
  });

  it('fit on post-only data says that no case has a baseline, not that no factor is in the data', () => {
    const dir = tempDir();
    writeFileSync(`${dir}/post.csv`, 'severity,post_satisfaction\n0.2,4\n0.5,3\n0.9,2\n');
    const res = srp(['fit', `${dir}/post.csv`]);
    expect(res.code).toBe(4);
    expect(res.stderr).toMatch(/cannot fit: no case has a baseline: the input has post_satisfaction only; give --baseline, a control group, or derive pre_satisfaction/);
  });
});

describe('a one-sided alternative gives one-sided effect-size intervals, as the tests have', () => {
  // R: library(effectsize); x <- c(1,2,3,5,8,3,2,6,7,9); y <- c(2,2,1,3,4,1,2,3,5,4)
  //    cohens_d(x, y, paired = TRUE, alternative = "greater")             # 1.025405437219645 [0.352503644927676, Inf]
  //    cohens_d(x, y, paired = TRUE, alternative = "less", ci = 0.9)$CI_high # 1.50709258372182
  const post = [1, 2, 3, 5, 8, 3, 2, 6, 7, 9];
  const pre = [2, 2, 1, 3, 4, 1, 2, 3, 5, 4];
  it("Cohen's d_z: the lower bound under greater, the upper under less, the other side infinite (JSON null)", () => {
    const dir = tempDir();
    writeFileSync(`${dir}/dz.csv`, ['case_id,pre_satisfaction,post_satisfaction', ...post.map((x, i) => `c${i},${pre[i]},${x}`)].join('\n') + '\n');
    const greater = test(['--alternative', 'greater', `${dir}/dz.csv`]).doc.effect_size;
    close(greater.value, 1.025405437219645);
    close(greater.ci[0], 0.352503644927676);
    expect(greater.ci[1]).toBeNull();
    const less = test(['--alternative', 'less', '--conf-level', '0.9', `${dir}/dz.csv`]).doc.effect_size;
    expect(less.ci[0]).toBeNull();
    close(less.ci[1], 1.50709258372182);
  });
  it("Hedges' g: the one-sided 95% bound is the two-sided 90% interval's", () => {
    const g = (alternative: string, conf: string) => test(['--alternative', alternative, '--conf-level', conf, fixture('r/between-levels.csv')]).doc.effect_size;
    const two = g('two-sided', '0.9');
    expect(g('greater', '0.95').ci).toEqual([two.ci[0], null]);
    expect(g('less', '0.95').ci).toEqual([null, two.ci[1]]);
  });
});
