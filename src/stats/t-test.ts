/**
 * Student's paired t-test and Welch's two-sample t-test, as R's `t.test`.
 * Welch, B. L. (1947). The generalization of "Student's" problem. Biometrika 34, 28-35.
 * @example pairedT(post, pre) // within-500: { statistic: 3.7412558798, df: 499, ... }
 */
import { mean, sampleVariance } from 'simple-statistics';
import { interval, pValue, type Alternative } from './alternative.js';
import { pt, qt } from './distributions.js';

export interface TTest {
  statistic: number;
  df: number;
  p: number;
  estimate: number;
  ci: [number, number];
}

export function pairedT(post: number[], pre: number[], alternative: Alternative = 'two-sided', conf = 0.95): TTest {
  if (post.length < 2) throw new RangeError('pairedT requires at least two pairs');
  const d = post.map((x, i) => x - pre[i]);
  return oneSampleT(d, alternative, conf);
}

export function oneSampleT(d: number[], alternative: Alternative = 'two-sided', conf = 0.95): TTest {
  const n = d.length;
  const estimate = mean(d);
  const se = Math.sqrt(sampleVariance(d) / n);
  return finish(estimate, se, n - 1, alternative, conf);
}

/** Welch's t-test of x against y; the estimate is mean(x) − mean(y). */
export function welchT(x: number[], y: number[], alternative: Alternative = 'two-sided', conf = 0.95): TTest {
  if (x.length < 2 || y.length < 2) throw new RangeError('welchT requires at least two observations in each group');
  const vx = sampleVariance(x) / x.length;
  const vy = sampleVariance(y) / y.length;
  const se = Math.sqrt(vx + vy);
  const df = (vx + vy) ** 2 / (vx ** 2 / (x.length - 1) + vy ** 2 / (y.length - 1));
  return finish(mean(x) - mean(y), se, df, alternative, conf);
}

function finish(estimate: number, se: number, df: number, alternative: Alternative, conf: number): TTest {
  const statistic = estimate / se;
  return {
    statistic,
    df,
    p: pValue(pt(statistic, df), pt(-statistic, df), alternative),
    estimate,
    ci: interval(estimate, se, (q) => qt(q, df), conf, alternative),
  };
}
