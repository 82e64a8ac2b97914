import { sortNonNegative } from './radix-sort.js';

/**
 * How well probabilities match outcomes: Brier score, AUC (the Mann-Whitney probability that a
 * case with the outcome outranks one without, ties counting half), log loss, and a table of
 * predicted vs observed by tenth of probability.
 */

export function brier(p: ArrayLike<number>, y: ArrayLike<number>): number | null {
  if (!p.length) return null;
  let s = 0;
  for (let i = 0; i < p.length; i++) s += (p[i] - y[i]) ** 2;
  return s / p.length;
}

export function logLoss(p: ArrayLike<number>, y: ArrayLike<number>): number | null {
  if (!p.length) return null;
  const eps = 1e-15;
  let s = 0;
  for (let i = 0; i < p.length; i++) {
    const q = Math.min(1 - eps, Math.max(eps, p[i]));
    s -= y[i] ? Math.log(q) : Math.log(1 - q);
  }
  return s / p.length;
}

/** The scores of cases with the outcome (pos) and without (neg), each sorted ascending. */
export interface SortedClasses {
  pos: Float64Array;
  neg: Float64Array;
}

export function sortClasses(p: ArrayLike<number>, y: ArrayLike<number>): SortedClasses {
  let positives = 0;
  for (let i = 0; i < y.length; i++) positives += y[i] ? 1 : 0;
  const pos = new Float64Array(positives);
  const neg = new Float64Array(y.length - positives);
  for (let i = 0, a = 0, b = 0; i < y.length; i++) y[i] ? (pos[a++] = p[i]) : (neg[b++] = p[i]);
  return { pos: sortNonNegative(pos), neg: sortNonNegative(neg) };
}

/** Two sorted class sets as one (a linear merge). */
export function mergeClasses(a: SortedClasses, b: SortedClasses): SortedClasses {
  return { pos: mergeSorted(a.pos, b.pos), neg: mergeSorted(a.neg, b.neg) };
}

function mergeSorted(a: Float64Array, b: Float64Array): Float64Array {
  const out = new Float64Array(a.length + b.length);
  let i = 0;
  let j = 0;
  let k = 0;
  while (i < a.length && j < b.length) out[k++] = a[i] <= b[j] ? a[i++] : b[j++];
  while (i < a.length) out[k++] = a[i++];
  while (j < b.length) out[k++] = b[j++];
  return out;
}

/** AUC; null when only one outcome class is present. */
export function auc(p: ArrayLike<number>, y: ArrayLike<number>): number | null {
  return aucOfSorted(sortClasses(p, y));
}

/**
 * AUC from sorted class scores: for each positive, the negatives below it and half those tied
 * with it (the Mann-Whitney U over positives × negatives).
 */
export function aucOfSorted({ pos, neg }: SortedClasses): number | null {
  if (!pos.length || !neg.length) return null;
  let u = 0;
  let below = 0;
  let tied = 0;
  let j = 0;
  for (let i = 0; i < pos.length; i++) {
    if (i === 0 || pos[i] !== pos[i - 1]) {
      while (j < neg.length && neg[j] < pos[i]) j++;
      below = j;
      tied = 0;
      while (j + tied < neg.length && neg[j + tied] === pos[i]) tied++;
    }
    u += below + tied / 2;
  }
  return u / (pos.length * neg.length);
}

export interface CalibrationBin {
  from: number;
  to: number;
  n: number;
  predicted: number | null;
  observed: number | null;
}

export function calibrationTable(p: ArrayLike<number>, y: ArrayLike<number>, bins = 10): CalibrationBin[] {
  const t = emptyCalibration(bins);
  for (let i = 0; i < p.length; i++) tallyCalibration(t, p[i], y[i]);
  return calibrationOf(t).table;
}

/**
 * The calibration table and Brier score as sums, counted one case at a time and merged across
 * parts (plain data: two threads' tallies add up): per tenth of probability (the last holds 1) the
 * cases, summed probability and outcomes, and the summed squared error.
 */
export interface CalibrationTally {
  n: number[];
  sp: number[];
  sy: number[];
  squares: number;
}

export const emptyCalibration = (bins = 10): CalibrationTally => ({ n: new Array(bins).fill(0), sp: new Array(bins).fill(0), sy: new Array(bins).fill(0), squares: 0 });

export function tallyCalibration(t: CalibrationTally, p: number, y: number): void {
  const b = Math.min(t.n.length - 1, Math.floor(p * t.n.length));
  t.n[b]++;
  t.sp[b] += p;
  t.sy[b] += y;
  t.squares += (p - y) ** 2;
}

export function addCalibration(to: CalibrationTally, from: CalibrationTally): void {
  for (let b = 0; b < to.n.length; b++) {
    to.n[b] += from.n[b];
    to.sp[b] += from.sp[b];
    to.sy[b] += from.sy[b];
  }
  to.squares += from.squares;
}

/** The table, the cases in it and the Brier score (null without cases). */
export function calibrationOf(t: CalibrationTally): { n: number; brier: number | null; table: CalibrationBin[] } {
  const bins = t.n.length;
  const n = t.n.reduce((a, b) => a + b, 0);
  const table = t.n.map((k, b) => ({ from: b / bins, to: (b + 1) / bins, n: k, predicted: k ? t.sp[b] / k : null, observed: k ? t.sy[b] / k : null }));
  return { n, brier: n ? t.squares / n : null, table };
}
