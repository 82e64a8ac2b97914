/** The alternative hypothesis, and p-values and intervals from a statistic under it. */
export type Alternative = 'two-sided' | 'greater' | 'less';

/** p from a statistic whose lower-tail probability is `cdf`: as R does for each alternative. */
export function pValue(lower: number, upper: number, alternative: Alternative): number {
  if (alternative === 'less') return lower;
  if (alternative === 'greater') return upper;
  return Math.min(1, 2 * Math.min(lower, upper));
}

/** estimate ± q·se, one-sided bounds infinite, as R's t.test confidence intervals. */
export function interval(estimate: number, se: number, quantile: (p: number) => number, conf: number, alternative: Alternative): [number, number] {
  if (alternative === 'less') return [-Infinity, estimate + quantile(conf) * se];
  if (alternative === 'greater') return [estimate - quantile(conf) * se, Infinity];
  const q = quantile((1 + conf) / 2);
  return [estimate - q * se, estimate + q * se];
}
