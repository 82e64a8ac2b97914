/**
 * Tests for binary satisfaction.
 * McNemar's test with continuity correction, as R's `mcnemar.test(table(pre, post))`.
 * The two-sample test of proportions with continuity correction, as R's `prop.test(x, n)`:
 * estimate = p₁ − p₂ with its interval, statistic chi-squared on 1 df.
 * McNemar, Q. (1947). Psychometrika 12(2), 153-157; Newcombe, R. G. (1998). Statistics in Medicine 17, 873-890.
 */
import { pValue, type Alternative } from './alternative.js';
import { pchisqUpper, pnorm, qnorm } from './distributions.js';

export interface ChiSquared {
  statistic: number;
  df: number;
  p: number;
}

/** b = pre 0 → post 1, c = pre 1 → post 0. */
export function mcnemar(pre: number[], post: number[]): ChiSquared & { b: number; c: number } {
  let b = 0;
  let c = 0;
  for (let i = 0; i < pre.length; i++) {
    if (!pre[i] && post[i]) b++;
    else if (pre[i] && !post[i]) c++;
  }
  const yates = b !== c ? 1 : 0;
  const statistic = (Math.abs(b - c) - yates) ** 2 / (b + c);
  return { statistic, df: 1, p: pchisqUpper(statistic, 1), b, c };
}

export interface PropTest extends ChiSquared {
  estimate: number;
  ci: [number, number];
}

/** The expected counts R's prop.test checks (it warns when one is below 5): n·p̂ and n·(1 − p̂) per group, p̂ pooled. */
export function propTestExpected(x1: number, n1: number, x2: number, n2: number): number[] {
  const p = (x1 + x2) / (n1 + n2);
  return [n1 * p, n1 * (1 - p), n2 * p, n2 * (1 - p)];
}

export function propTest(x1: number, n1: number, x2: number, n2: number, alternative: Alternative = 'two-sided', conf = 0.95): PropTest {
  const p1 = x1 / n1;
  const p2 = x2 / n2;
  const delta = p1 - p2;
  const invN = 1 / n1 + 1 / n2;
  const yates = Math.min(0.5, Math.abs(delta) / invN);
  const z = qnorm(alternative === 'two-sided' ? (1 + conf) / 2 : conf);
  const width = z * Math.sqrt((p1 * (1 - p1)) / n1 + (p2 * (1 - p2)) / n2) + yates * invN;
  const ci: [number, number] =
    alternative === 'two-sided' ? [Math.max(delta - width, -1), Math.min(delta + width, 1)] : alternative === 'greater' ? [Math.max(delta - width, -1), 1] : [-1, Math.min(delta + width, 1)];
  const p = (x1 + x2) / (n1 + n2);
  let statistic = 0;
  for (const [x, n] of [[x1, n1], [x2, n2]]) {
    const e1 = n * p;
    const e0 = n * (1 - p);
    statistic += (Math.abs(x - e1) - yates) ** 2 / e1 + (Math.abs(n - x - e0) - yates) ** 2 / e0;
  }
  let pv: number;
  if (alternative === 'two-sided') pv = pchisqUpper(statistic, 1);
  else {
    const zs = Math.sign(delta) * Math.sqrt(statistic);
    pv = pValue(pnorm(zs), pnorm(-zs), alternative);
  }
  return { statistic, df: 1, p: pv, estimate: delta, ci };
}

/** The expected counts R's one-sample prop.test checks (it warns when one is below 5): n·p0 and n·(1 − p0). */
export const propTestOneExpected = (n: number, p0: number): number[] => [n * p0, n * (1 - p0)];

/**
 * The one-sample test of a proportion against `p0`, as R's `prop.test(x, n, p = p0)` (continuity
 * correction): the estimate x/n, its Wilson interval with the correction, chi-squared on 1 df.
 */
export function propTestOne(x: number, n: number, p0: number, alternative: Alternative = 'two-sided', conf = 0.95): PropTest {
  const estimate = x / n;
  const yates = Math.min(0.5, Math.abs(x - n * p0));
  const z = qnorm(alternative === 'two-sided' ? (1 + conf) / 2 : conf);
  const z22n = (z * z) / (2 * n);
  let pc = estimate + yates / n;
  const upper = pc >= 1 ? 1 : (pc + z22n + z * Math.sqrt((pc * (1 - pc)) / n + z22n / (2 * n))) / (1 + 2 * z22n);
  pc = estimate - yates / n;
  const lower = pc <= 0 ? 0 : (pc + z22n - z * Math.sqrt((pc * (1 - pc)) / n + z22n / (2 * n))) / (1 + 2 * z22n);
  const ci: [number, number] = alternative === 'two-sided' ? [Math.max(lower, 0), Math.min(upper, 1)] : alternative === 'less' ? [0, Math.min(upper, 1)] : [Math.max(lower, 0), 1];
  const statistic = (Math.abs(x - n * p0) - yates) ** 2 / (n * p0 * (1 - p0));
  const p = alternative === 'two-sided' ? pchisqUpper(statistic, 1) : (() => {
    const zs = Math.sign(estimate - p0) * Math.sqrt(statistic);
    return pValue(pnorm(zs), pnorm(-zs), alternative);
  })();
  return { statistic, df: 1, p, estimate, ci };
}
