import { describe, expect, it } from 'vitest';
import { writeFileSync } from 'node:fs';
import { fixture, readJson, srp, tempDir } from '../helpers.js';

const within = fixture('r/within-500.csv');
const r = readJson(fixture('r/within-500.r.json'));

describe('srp fit', () => {
  it('estimates the model as R glm(binomial) with confint.default, and cross-validates with a seed', () => {
    const doc = JSON.parse(srp(['fit', '--format', 'json', within]).stdout);
    expect(doc.schema).toBe('srp.fit/1');
    doc.terms.forEach((t: any, i: number) => {
      const e = r.logistic.terms[i];
      expect(t.term).toBe(e.term);
      for (const k of ['estimate', 'se', 'z', 'p', 'odds_ratio']) expect(Math.abs(t[k] - e[k])).toBeLessThan(1e-6);
      expect(Math.abs(t.ci[0] - e.ci[0]) + Math.abs(t.ci[1] - e.ci[1])).toBeLessThan(1e-6);
    });
    expect(doc.cv).toMatchObject({ folds: 5, seed: 1 });
    expect(doc.cv.auc).toBeGreaterThan(0.6);
    expect(doc.calibration.reduce((n: number, b: any) => n + b.n, 0)).toBe(500);
    expect(JSON.parse(srp(['fit', '--format', 'json', within]).stdout).cv).toEqual(doc.cv);
  });

  it('writes a model file with -o that score and report accept with --model', () => {
    const dir = tempDir();
    const fitted = srp(['fit', '-o', `${dir}/model.json`, within]);
    expect(fitted.code).toBe(0);
    expect(fitted.stdout).toMatch(/Logistic model of the paradox, fitted on 500 cases/);
    const rep = JSON.parse(srp(['report', '--format', 'json', '--model', `${dir}/model.json`, within]).stdout);
    expect(rep.model).toBe('fitted on 500 cases');
    // A case scored with the fitted model gets plogis(x·β) with R's coefficients: C0000000 is
    // severity 0.238, prior 0, controllability 0.37, stability 0.604, recovery 0.543.
    const b = r.logistic.terms.map((t: any) => t.estimate);
    const eta = b[0] + b[1] * 0.238 + b[2] * 0 + b[3] * 0.37 + b[4] * 0.604 + b[5] * 0.543;
    const scored = JSON.parse(srp(['score', '--format', 'json', '--model', `${dir}/model.json`, within]).stdout);
    expect(Math.abs(scored.cases[0].probability - 1 / (1 + Math.exp(-eta)))).toBeLessThan(1e-9);
  });

  it('gives a factor absent from the data no effect in the model file, so that on its own data the model predicts what the fit does', () => {
    // Only severity and recovery quality: prior failures, controllability and stability are unknown
    // wherever the model is used on such data, and averaged over; the fitted intercept already holds
    // their average effect (with the base coefficients kept, the mean prediction was 15% against 47%).
    const dir = tempDir();
    const rows = Array.from({ length: 400 }, (_, i) => {
      const severity = ((i * 37) % 100) / 100;
      const recovery = ((i * 53) % 100) / 100;
      const up = ((i * 7919) % 100) / 100 < 1 / (1 + Math.exp(-(-0.5 - 1.5 * severity + 2 * recovery)));
      return `C${i},${severity},${recovery},3,${up ? 4 : 2}`;
    });
    writeFileSync(`${dir}/two.csv`, `case_id,severity,recovery_quality,pre_satisfaction,post_satisfaction\n${rows.join('\n')}\n`);
    const fitted = srp(['fit', '--format', 'json', '-o', `${dir}/model.json`, `${dir}/two.csv`]);
    expect(fitted.code).toBe(0);
    expect(fitted.stderr).toMatch(/not in the data, so not estimated \(the model file gives them no effect, coefficient 0: the fitted intercept holds their average effect\): prior_failures, controllability, stability/);
    const model = readJson(`${dir}/model.json`) as any;
    for (const f of ['prior_failures', 'controllability', 'stability']) expect(model.model.coefficients[f].value).toBe(0);
    const doc = JSON.parse(srp(['report', '--format', 'json', '--model', `${dir}/model.json`, `${dir}/two.csv`]).stdout);
    // A logistic fit with an intercept reproduces the observed rate on its own data (the score equation).
    expect(doc.observed.n).toBe(400);
    expect(Math.abs(doc.predicted.mean_probability - doc.observed.rate)).toBeLessThan(1e-6);
  });

  it.each([
    ['perfectly separated data', 'sep', /cannot fit: perfect separation: severity alone separates/],
    ['one outcome class', 'one', /cannot fit: one outcome class only/],
    ['too few cases', 'few', /cannot fit: too few cases \(5 with/],
  ])('refuses %s with exit 4 and no stack trace', (_what, kind, message) => {
    const dir = tempDir();
    const n = kind === 'few' ? 5 : 60;
    const rows = Array.from({ length: n }, (_, i) => {
      const severity = (i % 10) / 10;
      const up = kind === 'sep' ? severity < 0.5 : kind === 'one' ? false : i % 2 === 0;
      return `${severity},${(i % 7) / 7},${(i % 3) / 3},5,${up ? 6 : 4}`;
    });
    writeFileSync(`${dir}/d.csv`, `severity,recovery_quality,stability,pre_satisfaction,post_satisfaction\n${rows.join('\n')}\n`);
    const res = srp(['fit', `${dir}/d.csv`]);
    expect(res.code).toBe(4);
    expect(res.stderr).toMatch(message);
    expect(res.stderr.trim().split('\n')).toHaveLength(1);
  });

  it('renders text and Markdown a researcher can paste', () => {
    const text = srp(['fit', within]).stdout;
    expect(text).toMatch(/Logistic model of the paradox, fitted on 500 cases \(282 with the paradox\)/);
    expect(text).toMatch(/recovery_quality +1\.863 +0\.459 +4\.06 +< \.001 +\[0\.963, 2\.764\] +6\.446/);
    expect(text).toMatch(/5-fold cross-validation \(seed 1\)\n {2}AUC 0\.\d{3}, Brier 0\.\d{3}, log loss 0\.\d{3}/);
    const md = srp(['fit', '--format', 'markdown', within]).stdout;
    expect(md).toMatch(/^### Logistic model of the paradox/);
    expect(md).toContain('| recovery_quality | 1.863 | 0.459 | 4.06 | < .001 | [0.963, 2.764] | 6.446 |');
    const test = srp(['test', '--format', 'markdown', within]).stdout;
    expect(test).toMatch(/^### Service recovery paradox: research statistics\n\n- Design within \(pre_satisfaction and post_satisfaction\)/);
    expect(test).toContain('| severity | low | 233 | 0.53 | [0.36, 0.70] | 6.02 (232) | < .001 |');
  });

  it('refuses a bad model file with exit 4', () => {
    const dir = tempDir();
    writeFileSync(`${dir}/m.json`, '{"schema":"srp.model/1","intercept":1,"coefficients":{"severity":"high"}}');
    const res = srp(['score', '--model', `${dir}/m.json`, within]);
    expect(res.code).toBe(4);
    expect(res.stderr).toMatch(/m.json: coefficients.severity: expected a number, or an object with a number as "value"/);
  });
});
