/**
 * Fisher's exact test of a 2×2 table, as R's `fisher.test`: the p-value from the hypergeometric
 * distribution (two-sided: the tables no more likely than the one observed, relative tolerance
 * 1 + 1e-7), the conditional maximum-likelihood odds ratio and its exact interval, both found with
 * R's uniroot so that they agree with R's to its tolerance.
 * Fisher, R. A. (1935). The logic of inductive inference. JRSS 98(1), 39-82.
 * @example fisherTest([[3, 1], [1, 3]]) // p = 0.4857142857, as R
 */
import type { Alternative } from './alternative.js';
import { dhyperLog } from './distributions.js';
import { uniroot } from './uniroot.js';

export interface FisherTest {
  p: number;
  /** Conditional maximum-likelihood estimate of the odds ratio. */
  estimate: number;
  ci: [number, number];
}

const EPSILON = 2.220446049250313e-16;

/** `table[i][j]`: row i, column j; the odds ratio is (t00·t11)/(t01·t10). */
export function fisherTest(table: [[number, number], [number, number]], alternative: Alternative = 'two-sided', conf = 0.95): FisherTest {
  const m = table[0][0] + table[1][0];
  const n = table[0][1] + table[1][1];
  const k = table[0][0] + table[0][1];
  const x = table[0][0];
  const lo = Math.max(0, k - n);
  const hi = Math.min(k, m);
  const support: number[] = [];
  for (let s = lo; s <= hi; s++) support.push(s);
  const logdc = support.map((s) => dhyperLog(s, m, n, k));
  const dnhyper = (ncp: number) => {
    const d = logdc.map((l, i) => l + Math.log(ncp) * support[i]);
    const max = Math.max(...d);
    const e = d.map((v) => Math.exp(v - max));
    const total = e.reduce((a, b) => a + b, 0);
    return e.map((v) => v / total);
  };
  const mnhyper = (ncp: number) => (ncp === 0 ? lo : ncp === Infinity ? hi : dnhyper(ncp).reduce((s, d, i) => s + support[i] * d, 0));
  const pnhyper = (q: number, ncp: number, upper = false) => {
    if (ncp === 0) return Number(upper ? q <= lo : q >= lo);
    if (ncp === Infinity) return Number(upper ? q <= hi : q >= hi);
    const d = dnhyper(ncp);
    let s = 0;
    for (let i = 0; i < support.length; i++) if (upper ? support[i] >= q : support[i] <= q) s += d[i];
    return s;
  };
  let p: number;
  if (alternative === 'less') p = pnhyper(x, 1);
  else if (alternative === 'greater') p = pnhyper(x, 1, true);
  else {
    const d = dnhyper(1);
    const at = d[x - lo] * (1 + 1e-7);
    p = d.reduce((s, v) => (v <= at ? s + v : s), 0);
  }
  const ncpUpper = (alpha: number) => {
    if (x === hi) return Infinity;
    const q = pnhyper(x, 1);
    if (q < alpha) return uniroot((t) => pnhyper(x, t) - alpha, 0, 1);
    if (q > alpha) return 1 / uniroot((t) => pnhyper(x, 1 / t) - alpha, EPSILON, 1);
    return 1;
  };
  const ncpLower = (alpha: number) => {
    if (x === lo) return 0;
    const q = pnhyper(x, 1, true);
    if (q > alpha) return uniroot((t) => pnhyper(x, t, true) - alpha, 0, 1);
    if (q < alpha) return 1 / uniroot((t) => pnhyper(x, 1 / t, true) - alpha, EPSILON, 1);
    return 1;
  };
  const ci: [number, number] =
    alternative === 'less' ? [0, ncpUpper(1 - conf)] : alternative === 'greater' ? [ncpLower(1 - conf), Infinity] : [ncpLower((1 - conf) / 2), ncpUpper((1 - conf) / 2)];
  const mle = () => {
    if (x === lo) return 0;
    if (x === hi) return Infinity;
    const mu = mnhyper(1);
    if (mu > x) return uniroot((t) => mnhyper(t) - x, 0, 1);
    if (mu < x) return 1 / uniroot((t) => mnhyper(1 / t) - x, EPSILON, 1);
    return 1;
  };
  return { p: Math.min(1, p), estimate: mle(), ci };
}
