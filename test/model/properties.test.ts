import { describe, expect, it } from 'vitest';
import type { Case } from '../../src/case.js';
import { loadModel } from '../../src/model/model.js';
import { assumed, drivers, factorValues, paradoxProbability, Predictor, verdictText } from '../../src/model/predict.js';
import type { FactorValues } from '../../src/model/factors.js';

const model = loadModel();
const predictor = new Predictor(model);
const predict = (c: Case) => predictor.predict(c);
const steps = [0, 0.1, 0.25, 0.3, 0.5, 0.75, 0.9, 1];
const grid: FactorValues[] = [];
for (const severity of steps) for (const prior_failures of [0, 0.5, 1]) for (const controllability of steps) for (const stability of steps) for (const recovery_quality of steps)
  grid.push({ severity, prior_failures, controllability, stability, recovery_quality });
/** A case with these factor values (prior failures as the count the value stands for), predicted as score and report predict it. */
const caseOf = (v: FactorValues): Case => ({
  id: 'x', file: 'f', line: 2, severity: v.severity, prior: v.prior_failures * 2, controllability: v.controllability, stability: v.stability, recovery: v.recovery_quality,
  components: null, pre: null, post: null, top: null, group: null, customer: null, date: null, segment: null, kept: null,
});
const p = (v: FactorValues) => predict(caseOf(v)).probability;

describe('the default model holds the literature properties (SPEC §5) over a grid of cases', () => {
  it('P1 monotone: more severity, prior failures, control or stability never raises it; better recovery never lowers it', () => {
    for (const v of grid) {
      for (const f of ['severity', 'controllability', 'stability'] as const) if (v[f] < 1) expect(p({ ...v, [f]: Math.min(1, v[f] + 0.1) })).toBeLessThanOrEqual(p(v));
      if (v.prior_failures < 1) expect(p({ ...v, prior_failures: v.prior_failures + 0.5 })).toBeLessThanOrEqual(p(v));
      if (v.recovery_quality < 1) expect(p({ ...v, recovery_quality: Math.min(1, v.recovery_quality + 0.1) })).toBeGreaterThanOrEqual(p(v));
    }
  });
  it('the library\'s paradoxProbability is the probability score and report compute', () => {
    for (const v of grid) expect(paradoxProbability(v, model)).toBe(p(v));
  });
  it('P2 favourable case with an excellent recovery → at least 0.7', () => {
    expect(p({ severity: 0, prior_failures: 0, controllability: 0, stability: 0, recovery_quality: 1 })).toBeGreaterThanOrEqual(0.7);
  });
  it('P3 severity ≥ 0.9 → below 0.5 whatever the rest', () => {
    for (const v of grid) if (v.severity >= 0.9) expect(p(v)).toBeLessThan(0.5);
  });
  it('P4 two or more prior failures → below 0.5 whatever the rest', () => {
    for (const v of grid) if (v.prior_failures === 1) expect(p(v)).toBeLessThan(0.5);
  });
  it('P5 recovery ≤ 0.3 → below 0.2 whatever the rest', () => {
    for (const v of grid) if (v.recovery_quality <= 0.3) expect(p(v)).toBeLessThan(0.2);
  });
  it('P6 rare: every factor at its midpoint → below 0.5', () => {
    expect(p({ severity: 0.5, prior_failures: 0.5, controllability: 0.5, stability: 0.5, recovery_quality: 0.5 })).toBeLessThan(0.5);
  });
  it('P7 ceiling: pre-failure satisfaction at the top of its scale → probability 0 and a verdict that says why', () => {
    const c: Case = { id: 'x', file: 'f', line: 2, severity: 0, prior: 0, controllability: 0, stability: 0, recovery: 1, components: null, pre: 5, post: 5, top: 5, group: null, customer: null, date: null, segment: null, kept: null };
    const r = predict(c);
    expect(r.probability).toBe(0);
    expect(r.potential).toBe(0);
    expect(verdictText(r)).toBe('paradox unlikely: pre-failure satisfaction is already at the top of the scale');
    expect(predict({ ...c, pre: 4 }).probability).toBeCloseTo(0.7310585786, 9);
  });
  it('counts prior failures as min(n, 2) / 2 and marks assumed factors with their neutral value', () => {
    const c: Case = { id: 'x', file: 'f', line: 2, severity: 0.2, prior: 7, controllability: null, stability: null, recovery: 0.8, components: null, pre: null, post: null, top: null, group: null, customer: null, date: null, segment: null, kept: null };
    const r = predict(c);
    expect(factorValues(r)).toEqual({ severity: 0.2, prior_failures: 1, controllability: 0.5, stability: 0.5, recovery_quality: 0.8 });
    expect(assumed(r)).toEqual(['controllability', 'stability']);
    expect(drivers(r, model)[0]).toMatchObject({ factor: 'recovery_quality', contribution: 3.2 });
    expect(drivers(r, model).map((d) => d.factor)).toEqual(['recovery_quality', 'prior_failures', 'severity', 'controllability', 'stability']);
    expect(r.observed).toBeNull();
  });
  it('derives recovery quality from components with the documented weights', () => {
    const c: Case = { id: 'x', file: 'f', line: 2, severity: 0, prior: 0, controllability: 0, stability: 0, recovery: null, components: { compensation: 1, apology: 0, response_hours: 24 }, pre: null, post: null, top: null, group: null, customer: null, date: null, segment: null, kept: null };
    // (0.35·1 + 0.15·0 + 0.2·0.5) / (0.35 + 0.15 + 0.2)
    expect(factorValues(predict(c)).recovery_quality).toBeCloseTo(0.45 / 0.7, 12);
  });
  it('the shipped model file conforms to the model schema (srp trusts it without checking on each run)', async () => {
    const { readFileSync } = await import('node:fs');
    const { schemaProblem } = await import('../../src/io/json-file.js');
    expect(schemaProblem('model', JSON.parse(readFileSync(new URL('../../data/models/default.json', import.meta.url), 'utf8')))).toBeNull();
    expect(schemaProblem('model', { schema: 'srp.model/1' })).not.toBeNull();
  });
  it('every coefficient in the shipped model file carries a reason and a source', async () => {
    const { readFileSync } = await import('node:fs');
    const doc = JSON.parse(readFileSync(new URL('../../data/models/default.json', import.meta.url), 'utf8'));
    for (const c of [doc.intercept, ...Object.values(doc.coefficients)] as { why: string; source: string }[]) {
      expect(c.why.length).toBeGreaterThan(40);
      expect(c.source).toMatch(/\(\d{4}\)/);
    }
  });
});
