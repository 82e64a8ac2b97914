/**
 * Student's paired t-test and Welch's two-sample t-test, as R's `t.test`.
 * Where R's t.test stops ("data are essentially constant"), these throw a Refusal with R's words.
 * Welch, B. L. (1947). The generalization of "Student's" problem. Biometrika 34, 28-35.
 * @example pairedT(post, pre) // within-500: { statistic: 3.7412558798, df: 499, ... }
 */
import { mean, sampleVariance } from 'simple-statistics';
import { interval, pValue, type Alternative } from './alternative.js';
import { variance, type Moments } from './moments.js';
import { pt, qt } from './distributions.js';

export interface TTest {
  statistic: number;
  df: number;
  p: number;
  estimate: number;
  ci: [number, number];
}

/** A test R refuses to compute on these data (its error message, as R words it). */
export class Refusal extends Error {}

const EPS = 2.220446049250313e-16;

export function pairedT(post: number[], pre: number[], alternative: Alternative = 'two-sided', conf = 0.95): TTest {
  if (post.length < 2) throw new Refusal('not enough observations');
  const d = post.map((x, i) => x - pre[i]);
  return oneSampleT(d, alternative, conf);
}

/** R: t.test(d) — refuses (Refusal) when every value is the same non-zero number. */
export function oneSampleT(d: number[], alternative: Alternative = 'two-sided', conf = 0.95): TTest {
  const { estimate, se, df } = oneSampleParts(d);
  return finish(estimate, se, df, alternative, conf);
}

/** A t statistic's parts: the estimate, its standard error and the degrees of freedom. */
export interface TParts {
  estimate: number;
  se: number;
  df: number;
}

/** The one-sample (paired) t-test's parts, or R's refusal. */
export function oneSampleParts(d: number[]): TParts {
  const n = d.length;
  if (n < 2) throw new Refusal('not enough observations');
  const estimate = mean(d);
  const se = Math.sqrt(sampleVariance(d) / n);
  if (se < 10 * EPS * Math.abs(estimate)) throw new Refusal('data are essentially constant');
  return { estimate, se, df: n - 1 };
}

/** Welch's t-test of x against y; the estimate is mean(x) − mean(y). */
export function welchT(x: number[], y: number[], alternative: Alternative = 'two-sided', conf = 0.95): TTest {
  return welchFromMoments(momentsOf(x), momentsOf(y), alternative, conf);
}

/** Welch's t-test from each group's count, mean and squared deviations (a report's segments keep only those). */
export function welchFromMoments(x: Moments, y: Moments, alternative: Alternative = 'two-sided', conf = 0.95): TTest {
  const { estimate, se, df } = welchParts(x, y);
  return finish(estimate, se, df, alternative, conf);
}

/** Welch's test's parts (Welch–Satterthwaite degrees of freedom), or R's refusal. */
export function welchParts(x: Moments, y: Moments): TParts {
  if (x.n < 2 || y.n < 2) throw new Refusal(`not enough '${x.n < 2 ? 'x' : 'y'}' observations`);
  const vx = variance(x) / x.n;
  const vy = variance(y) / y.n;
  const se = Math.sqrt(vx + vy);
  if (se < 10 * EPS * Math.max(Math.abs(x.mean), Math.abs(y.mean))) throw new Refusal('data are essentially constant');
  const df = (vx + vy) ** 2 / (vx ** 2 / (x.n - 1) + vy ** 2 / (y.n - 1));
  return { estimate: x.mean - y.mean, se, df };
}

/** The one-sample t-test of values against `mu` from their moments (R `t.test(x, mu = mu)`); the estimate is mean − mu. */
export function oneSampleFromMoments(x: Moments, mu: number, alternative: Alternative = 'two-sided', conf = 0.95): TTest {
  if (x.n < 2) throw new Refusal('not enough observations');
  const estimate = x.mean - mu;
  const se = Math.sqrt(variance(x) / x.n);
  if (se < 10 * EPS * Math.abs(x.mean)) throw new Refusal('data are essentially constant');
  return finish(estimate, se, x.n - 1, alternative, conf);
}

/** Moments in the order R sums: mean as Σx/n, variance as Σ(x − mean)²/(n − 1), so that results agree with R to rounding. */
export function momentsOf(xs: number[]): Moments {
  const n = xs.length;
  if (n === 0) return { n: 0, mean: NaN, m2: NaN };
  const m = mean(xs);
  return { n, mean: m, m2: n > 1 ? sampleVariance(xs) * (n - 1) : 0 };
}

/** With se = 0 (every value 0) the statistic is 0/0: R reports NaN for it, the p-value and the interval. */
function finish(estimate: number, se: number, df: number, alternative: Alternative, conf: number): TTest {
  const statistic = estimate / se;
  const ci = Number.isNaN(statistic) ? ([NaN, NaN] as [number, number]) : interval(estimate, se, (q) => qt(q, df), conf, alternative);
  return { statistic, df, p: pValue(pt(statistic, df), pt(-statistic, df), alternative), estimate, ci };
}
