/**
 * Unknown factors (SPEC §3.4): a factor absent or missing is not invented. A case's probability is
 * the model's probability averaged over the values its unknown factors take, and its range is the
 * lowest and highest probability over every value they could take (each on [0,1]).
 *
 * The values an unknown factor takes are its distribution among the cases of the same input where
 * it is known, each value rounded to the nearest 0.01; where no case has it, a uniform distribution
 * on [0,1] (the midpoints of a hundred equal bins), and for prior failures the shares of first,
 * second and later failures the model file states. The factors are taken as independent: the sum
 * of their contributions to the log-odds, Σ βᵢXᵢ, has the convolution of their distributions, kept
 * on a grid of 0.01 log-odds (each point the mean of what fell on it), so the average over it
 * differs from the exact expectation by less than 1e-6.
 */
import { FACTORS } from '../case.js';
import { priorValue } from './factors.js';
import { logistic } from './linear.js';
import { coefficientArray, type Model } from './model.js';

/** Points a factor's value is rounded to: 0, 0.01, …, 1. */
const STEPS = 100;
/** The log-odds grid the sum of unknown contributions is kept on. */
const SUM_GRID = 0.01;
const PRIOR = FACTORS.indexOf('prior_failures');

/** A distribution as support points and their weights (summing to 1). */
export interface Distribution {
  values: number[];
  weights: number[];
}

/** Counts of each factor's known values on the 0.01 grid, over the cases of one input: plain data, so that two threads' tallies add up. */
export interface FactorTally {
  /** counts[f][k]: cases whose factor f (FACTORS order) rounds to k / 100 (typed: counted for every case). */
  counts: Float64Array[];
  /** Cases with factor f unknown. */
  missing: number[];
}

export const emptyFactorTally = (): FactorTally => ({ counts: FACTORS.map(() => new Float64Array(STEPS + 1)), missing: FACTORS.map(() => 0) });

/**
 * Adds the factors of a batch's first `n` cases, read into columns (`factors`: severity, prior,
 * controllability, stability, recovery as FACTORS, prior failures as counted): what `tallyFactors`
 * adds case by case, a column at a time (420 instructions a case, as 5 calls per case, callgrind).
 */
export function tallyFactorColumns(t: FactorTally, factors: readonly Float64Array[], n: number): void {
  for (let f = 0; f < FACTORS.length; f++) {
    const column = factors[f];
    const counts = t.counts[f];
    let missing = 0;
    for (let i = 0; i < n; i++) {
      const v = f === PRIOR ? priorValue(column[i]) : column[i];
      if (v !== v) missing++;
      else counts[Math.round(v * STEPS)]++;
    }
    t.missing[f] += missing;
  }
}

/** Adds one case's factors (FACTORS order; NaN where unknown). */
export function tallyFactors(t: FactorTally, values: ArrayLike<number>): void {
  for (let f = 0; f < FACTORS.length; f++) {
    const v = values[f];
    if (v !== v) t.missing[f]++;
    else t.counts[f][Math.round(v * STEPS)]++;
  }
}

export function addFactorTally(to: FactorTally, from: FactorTally): void {
  for (let f = 0; f < FACTORS.length; f++) {
    to.missing[f] += from.missing[f];
    for (let k = 0; k <= STEPS; k++) to.counts[f][k] += from.counts[f][k];
  }
}

/** The distribution each factor's unknown values are averaged over (FACTORS order). */
export function factorDistributions(t: FactorTally | null, model: Model): Distribution[] {
  return FACTORS.map((_, f) => {
    const counts = t?.counts[f] ?? new Float64Array(0);
    const known = counts.reduce((a, b) => a + b, 0);
    if (known > 0) {
      const values: number[] = [];
      const weights: number[] = [];
      counts.forEach((n, k) => n && (values.push(k / STEPS), weights.push(n / known)));
      return { values, weights };
    }
    if (f === PRIOR) return { values: [0, 0.5, 1], weights: [...model.priorShares] };
    return { values: Array.from({ length: STEPS }, (_, k) => (k + 0.5) / STEPS), weights: new Array<number>(STEPS).fill(1 / STEPS) };
  });
}

/** Whether two sets of distributions are the same (so a reading made with one stands for the other). */
export const sameDistributions = (a: Distribution[], b: Distribution[]) => JSON.stringify(a) === JSON.stringify(b);

/** The mean of each distribution: the value an unknown factor is shown with. */
export const means = (ds: Distribution[]) => ds.map((d) => d.values.reduce((s, v, i) => s + v * d.weights[i], 0));

/** The sum of the unknown factors' contributions for one set of unknown factors: points and weights, and its extremes. */
interface Sum {
  s: Float64Array;
  w: Float64Array;
  /** Σ min(0, βᵢ) and Σ max(0, βᵢ): the contribution at the factors' most and least favourable values. */
  low: number;
  high: number;
}

export class UnknownFactors {
  private readonly b: Float64Array;
  private readonly sums = new Map<number, Sum>();
  private readonly memo = new Map<number, Map<number, number>>();
  /** Each factor's mean, the value it is shown with when unknown. */
  readonly means: number[];

  constructor(model: Model, readonly distributions: Distribution[]) {
    this.b = coefficientArray(model);
    this.means = means(distributions);
  }

  /** The probability averaged over the factors in `mask` (bit i = FACTORS[i]), the others giving log-odds `eta`. */
  average(eta: number, mask: number): number {
    let byEta = this.memo.get(mask);
    if (!byEta) this.memo.set(mask, (byEta = new Map()));
    let p = byEta.get(eta);
    if (p === undefined) {
      const { s, w } = this.sum(mask);
      p = 0;
      for (let i = 0; i < s.length; i++) p += w[i] * logistic(eta + s[i]);
      if (byEta.size < 1 << 16) byEta.set(eta, p);
    }
    return p;
  }

  /** The lowest and highest probability over every value the factors in `mask` could take. */
  range(eta: number, mask: number): [number, number] {
    const { low, high } = this.sum(mask);
    return [logistic(eta + low), logistic(eta + high)];
  }

  /**
   * The unknown factors that, recorded, would decide the verdict whatever their value: with the
   * factor at 0 and at 1, the range over the other unknown factors lies on one side of the threshold.
   */
  deciders(eta: number, mask: number, threshold: number): number[] {
    const out: number[] = [];
    for (let f = 0; f < FACTORS.length; f++) {
      if (!(mask & (1 << f))) continue;
      const rest = mask & ~(1 << f);
      const sides = [0, 1].map((x) => {
        const [lo, hi] = this.range(eta + this.b[f] * x, rest);
        return lo >= threshold ? 1 : hi < threshold ? -1 : 0;
      });
      if (sides[0] !== 0 && sides[1] !== 0) out.push(f);
    }
    return out;
  }

  private sum(mask: number): Sum {
    let sum = this.sums.get(mask);
    if (sum) return sum;
    let points = new Map<number, [number, number]>([[0, [0, 1]]]); // grid index → [weighted sum of s, weight]
    let low = 0;
    let high = 0;
    for (let f = 0; f < FACTORS.length; f++) {
      if (!(mask & (1 << f))) continue;
      const { values, weights } = this.distributions[f];
      low += Math.min(0, this.b[f]);
      high += Math.max(0, this.b[f]);
      const next = new Map<number, [number, number]>();
      for (const [sw, w] of points.values()) {
        const s = sw / w;
        for (let i = 0; i < values.length; i++) {
          const t = s + this.b[f] * values[i];
          const wt = w * weights[i];
          const key = Math.round(t / SUM_GRID);
          const at = next.get(key);
          if (at) (at[0] += t * wt), (at[1] += wt);
          else next.set(key, [t * wt, wt]);
        }
      }
      points = next;
    }
    const entries = [...points.entries()].sort((a, b) => a[0] - b[0]);
    sum = { s: Float64Array.from(entries, ([, [sw, w]]) => sw / w), w: Float64Array.from(entries, ([, [, w]]) => w), low, high };
    this.sums.set(mask, sum);
    return sum;
  }
}
