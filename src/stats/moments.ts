/**
 * Count, mean and sum of squared deviations of a stream of numbers, updated one value at a time and
 * merged across parts (Welford 1962; Chan, Golub & LeVeque 1983), so that a Welch test can be
 * computed per segment from a single pass without the cancellation of Σx² − (Σx)²/n.
 * @example const m = emptyMoments(); [2, 4, 9].forEach((x) => tallyMoment(m, x)); variance(m) // 13
 */
export interface Moments {
  n: number;
  mean: number;
  m2: number;
}

export const emptyMoments = (): Moments => ({ n: 0, mean: 0, m2: 0 });

export function tallyMoment(m: Moments, x: number): void {
  m.n++;
  const d = x - m.mean;
  m.mean += d / m.n;
  m.m2 += d * (x - m.mean);
}

export function addMoments(to: Moments, from: Moments): void {
  if (!from.n) return;
  const n = to.n + from.n;
  const d = from.mean - to.mean;
  to.m2 += from.m2 + (d * d * to.n * from.n) / n;
  to.mean += (d * from.n) / n;
  to.n = n;
}

export const mean = (m: Moments) => (m.n ? m.mean : NaN);
/** The sample variance (n − 1 in the denominator). */
export const variance = (m: Moments) => (m.n > 1 ? m.m2 / (m.n - 1) : NaN);
