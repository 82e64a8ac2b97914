/**
 * The unknown-factor rule (SPEC §3.4), as properties over random cases (fast-check): with every
 * factor known the probability is the model's; the range holds the probability; a range across the
 * threshold is undetermined; and the average is the expectation it claims to be (an exact integral
 * for a uniform factor, a plain mean for a factor known in other cases).
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { FACTORS, type Case } from '../../src/case.js';
import { loadModel } from '../../src/model/model.js';
import { paradoxProbability, Predictor } from '../../src/model/predict.js';
import { normaliseAt } from '../../src/model/factors.js';
import { emptyFactorTally, factorDistributions, tallyFactorColumns, tallyFactors, UnknownFactors } from '../../src/model/unknown.js';

const model = loadModel();
const unit = fc.double({ min: 0, max: 1, noNaN: true });
const maybe = (a: fc.Arbitrary<number>) => fc.option(a, { nil: null });
const caseArb = fc.record({
  severity: maybe(unit),
  prior: maybe(fc.integer({ min: 0, max: 4 })),
  controllability: maybe(unit),
  stability: maybe(unit),
  recovery: maybe(unit),
});
const caseOf = (v: { severity: number | null; prior: number | null; controllability: number | null; stability: number | null; recovery: number | null }): Case => ({
  id: 'x', file: 'f', line: 2, ...v, components: null, pre: null, post: null, top: null, group: null, customer: null, date: null, segment: null, kept: null,
});
const threshold = fc.double({ min: 0.01, max: 0.99, noNaN: true });

describe('unknown factors: averaged over their distribution, with a range (fast-check)', () => {
  it('with every factor known, the probability is the model\'s and the range is that one point', () => {
    fc.assert(
      fc.property(unit, fc.integer({ min: 0, max: 4 }), unit, unit, unit, (severity, prior, controllability, stability, recovery) => {
        const p = new Predictor(model).predict(caseOf({ severity, prior, controllability, stability, recovery }));
        const expected = paradoxProbability({ severity, prior_failures: Math.min(prior, 2) / 2, controllability, stability, recovery_quality: recovery }, model);
        expect(p.probability).toBe(expected);
        expect([p.low, p.high]).toEqual([expected, expected]);
        expect(p.assumedMask).toBe(0);
      }),
      { numRuns: 500 },
    );
  });

  it('the range holds the probability, and a range across the threshold is undetermined', () => {
    fc.assert(
      fc.property(caseArb, threshold, (v, t) => {
        const p = new Predictor(model, t).predict(caseOf(v));
        expect(p.low).toBeLessThanOrEqual(p.probability + 1e-12);
        expect(p.probability).toBeLessThanOrEqual(p.high + 1e-12);
        const expected = p.low >= t ? 'paradox likely' : p.high < t ? 'paradox unlikely' : 'undetermined';
        expect(p.verdict).toBe(expected);
        if (p.verdict !== 'undetermined') expect(p.deciders).toBe(0);
      }),
      { numRuns: 1000 },
    );
  });

  it('the range is over every value each unknown factor could take: its ends are the factors at 0 or 1', () => {
    fc.assert(
      fc.property(caseArb, (v) => {
        const p = new Predictor(model).predict(caseOf(v));
        const corners: number[] = [];
        const unknown = FACTORS.map((_, i) => !!(p.assumedMask & (1 << i)));
        for (let m = 0; m < 1 << 5; m++) {
          if ([0, 1, 2, 3, 4].some((i) => !unknown[i] && m & (1 << i))) continue;
          const values = Object.fromEntries(FACTORS.map((f, i) => [f, unknown[i] ? (m & (1 << i) ? 1 : 0) : p.values[i]])) as never;
          corners.push(paradoxProbability(values, model));
        }
        expect(p.low).toBeCloseTo(Math.min(...corners), 12);
        expect(p.high).toBeCloseTo(Math.max(...corners), 12);
      }),
      { numRuns: 300 },
    );
  });

  it('one factor unknown in the whole input averages over [0,1]: the exact integral (softplus(η+β) − softplus(η))/β within 1e-6', () => {
    const softplus = (x: number) => Math.log1p(Math.exp(x));
    fc.assert(
      fc.property(unit, unit, unit, unit, (severity, controllability, stability, recovery) => {
        const p = new Predictor(model).predict(caseOf({ severity, prior: 0, controllability, stability: null, recovery }));
        const b = model.coefficients;
        const eta = model.intercept + b.severity * severity + b.controllability * controllability + b.recovery_quality * recovery;
        const exact = (softplus(eta + b.stability) - softplus(eta)) / b.stability;
        expect(Math.abs(p.probability - exact)).toBeLessThan(1e-6);
      }),
      { numRuns: 300 },
    );
  });

  it('a factor known in other cases averages over their values: the mean of the probabilities it would give', () => {
    fc.assert(
      fc.property(fc.array(fc.integer({ min: 0, max: 100 }).map((k) => k / 100), { minLength: 1, maxLength: 30 }), unit, (known, severity) => {
        const tally = emptyFactorTally();
        for (const s of known) tallyFactors(tally, [NaN, NaN, NaN, s, NaN]);
        const unknown = new UnknownFactors(model, factorDistributions(tally, model));
        const predictor = new Predictor(model, 0.5, unknown);
        const p = predictor.predict(caseOf({ severity, prior: 0, controllability: 0, stability: null, recovery: 1 }));
        const mean = known.reduce((sum, s) => sum + paradoxProbability({ severity, prior_failures: 0, controllability: 0, stability: s, recovery_quality: 1 }, model), 0) / known.length;
        expect(Math.abs(p.probability - mean)).toBeLessThan(1e-6);
      }),
      { numRuns: 300 },
    );
  });

  it('names the unknown factor that would decide an undetermined verdict first among the drivers', () => {
    const p = new Predictor(model, 0.3).predict(caseOf({ severity: 0, prior: 0, controllability: 0, stability: 0, recovery: null }));
    expect(p.verdict).toBe('undetermined');
    expect(p.deciders).toBe(1 << FACTORS.indexOf('recovery_quality'));
  });

  it('a batch read into columns is counted as its cases are, one by one: tallyFactorColumns against tallyFactors', () => {
    const cell = fc.oneof(unit, fc.constant(NaN), fc.constantFrom(0, 0.005, 0.015, 0.5, 0.995, 1));
    const count = fc.oneof(fc.integer({ min: 0, max: 9 }).map(Number), fc.constant(NaN));
    const row = fc.tuple(cell, count, cell, cell, cell);
    fc.assert(
      fc.property(fc.array(row, { maxLength: 40 }), fc.nat(5), (rows, extra) => {
        // Columns with room beyond the batch's cases, which are not counted.
        const columns = [0, 1, 2, 3, 4].map((f) => Float64Array.from([...rows.map((r) => r[f]), ...Array<number>(extra).fill(0.5)]));
        const byColumn = emptyFactorTally();
        tallyFactorColumns(byColumn, columns, rows.length);
        const byCase = emptyFactorTally();
        const values = [0, 0, 0, 0, 0];
        rows.forEach((_, i) => {
          normaliseAt(columns, i, values);
          tallyFactors(byCase, values);
        });
        expect(byColumn).toEqual(byCase);
      }),
    );
  });
});
