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

/**
 * AUC; null when only one outcome class is present. Both classes' scores are sorted (native
 * typed-array sort) and merged, counting for each positive the negatives below it and half
 * those tied with it: the Mann-Whitney U over positives × negatives.
 */
export function auc(p: ArrayLike<number>, y: ArrayLike<number>): number | null {
  let positives = 0;
  for (let i = 0; i < y.length; i++) positives += y[i] ? 1 : 0;
  const negatives = y.length - positives;
  if (!positives || !negatives) return null;
  const pos = new Float64Array(positives);
  const neg = new Float64Array(negatives);
  for (let i = 0, a = 0, b = 0; i < y.length; i++) y[i] ? (pos[a++] = p[i]) : (neg[b++] = p[i]);
  pos.sort();
  neg.sort();
  let u = 0;
  let below = 0;
  let tied = 0;
  let j = 0;
  for (let i = 0; i < positives; i++) {
    if (i === 0 || pos[i] !== pos[i - 1]) {
      while (j < negatives && neg[j] < pos[i]) j++;
      below = j;
      tied = 0;
      while (j + tied < negatives && neg[j + tied] === pos[i]) tied++;
    }
    u += below + tied / 2;
  }
  return u / (positives * negatives);
}

export interface CalibrationBin {
  from: number;
  to: number;
  n: number;
  predicted: number | null;
  observed: number | null;
}

export function calibrationTable(p: ArrayLike<number>, y: ArrayLike<number>, bins = 10): CalibrationBin[] {
  const table = Array.from({ length: bins }, (_, i) => ({ from: i / bins, to: (i + 1) / bins, n: 0, sp: 0, sy: 0 }));
  for (let i = 0; i < p.length; i++) {
    const b = table[Math.min(bins - 1, Math.floor(p[i] * bins))];
    b.n++;
    b.sp += p[i];
    b.sy += y[i];
  }
  return table.map((b) => ({ from: b.from, to: b.to, n: b.n, predicted: b.n ? b.sp / b.n : null, observed: b.n ? b.sy / b.n : null }));
}
