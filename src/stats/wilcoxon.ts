/**
 * Wilcoxon signed-rank and rank-sum (Mann-Whitney) tests as R's `wilcox.test(..., conf.int = TRUE)`
 * with its defaults: the exact distribution where n < 50 (each group, for the rank sum) and there
 * are no ties or zeros, else the normal approximation with continuity and tie correction; the
 * statistic V (signed rank) or W (rank sum) as R reports it; the Hodges–Lehmann estimate of the
 * location shift with its interval (exact: from the Walsh averages or pairwise differences;
 * normal: the shifts where the approximate statistic meets its quantiles, found as R finds them,
 * by uniroot with tolerance 1e-4). `exact: false` forces the approximation (R `exact = FALSE`).
 * Wilcoxon, F. (1945). Biometrics Bulletin 1(6), 80-83; Hodges, J. L. & Lehmann, E. L. (1963).
 * Annals of Mathematical Statistics 34(2), 598-611; Bauer, D. F. (1972). JASA 67(339), 687-690.
 */
import { pValue, type Alternative } from './alternative.js';
import { pnorm, qnorm } from './distributions.js';
import { averageRanks } from './ranks.js';
import { psignrank, pwilcox, qsignrank, qwilcox } from './rank-exact.js';
import { uniroot } from './uniroot.js';

export interface RankTest {
  statistic: number;
  p: number;
  method: 'exact' | 'normal';
  /** The Hodges–Lehmann estimate: the (pseudo)median of the differences, or the difference in location. */
  estimate: number;
  ci: [number, number];
  /** The confidence level of `ci` where the requested one is not achievable (R warns and says so). */
  conf_level?: number;
}

export interface RankOptions {
  alternative?: Alternative;
  conf?: number;
  /** false: the normal approximation whatever n (R `exact = FALSE`); otherwise R's default. */
  exact?: boolean;
}

/** A rank test and what R would have warned about it. */
export interface RankResult {
  test: RankTest;
  warnings: string[];
}

/** R's tolerance for the approximate interval and estimate (`tol.root = 1e-4`). */
const TOL_ROOT = 1e-4;

const median = (sorted: ArrayLike<number>) => {
  const n = sorted.length;
  return n % 2 ? sorted[(n - 1) / 2] : (sorted[n / 2 - 1] + sorted[n / 2]) / 2;
};

/** The signed-rank test of post − pre (R: wilcox.test(post, pre, paired = TRUE, conf.int = TRUE)). */
export function signedRank(post: number[], pre: number[], options: RankOptions = {}): RankResult {
  const { alternative = 'two-sided', conf = 0.95 } = options;
  const all = post.map((x, i) => x - pre[i]);
  const x = all.filter((v) => v !== 0);
  const zeroes = x.length < all.length;
  const n = x.length;
  const warnings: string[] = [];
  if (n === 0) {
    // R gives V = 0 and p = NA, and warns (it asks for the exact test: no difference is left, 0 < 50).
    if (options.exact !== false) warnings.push('Wilcoxon signed-rank: every difference is zero, so no p-value (R: "cannot compute exact p-value with zeroes")');
    return { test: { statistic: 0, p: NaN, method: 'normal', estimate: NaN, ci: [NaN, NaN] }, warnings };
  }
  const { ranks, ties } = averageRanks(x.map(Math.abs));
  let v = 0;
  for (let i = 0; i < n; i++) if (x[i] > 0) v += ranks[i];
  const exact = options.exact !== false && n < 50;
  if (exact && ties === 0 && !zeroes) {
    const p = pValue(psignrank(v, n), psignrank(v - 1, n, false), alternative);
    const twoSidedP = Math.min(1, 2 * (v > (n * (n + 1)) / 4 ? psignrank(v - 1, n, false) : psignrank(v, n)));
    const walsh: number[] = [];
    for (let i = 0; i < n; i++) for (let j = i; j < n; j++) walsh.push((x[i] + x[j]) / 2);
    walsh.sort((a, b) => a - b);
    const { ci, achieved } = exactInterval(
      walsh,
      (a) => qsignrank(a, n),
      (q) => psignrank(q, n),
      (n * (n + 1)) / 2,
      alternative,
      conf,
    );
    const test: RankTest = { statistic: v, p: alternative === 'two-sided' ? twoSidedP : p, method: 'exact', estimate: median(walsh), ci };
    notAchievable(test, achieved, conf, warnings, 'Wilcoxon signed-rank');
    return { test, warnings };
  }
  if (exact)
    warnings.push(
      `Wilcoxon signed-rank: ${ties ? 'ties' : 'zeros'} in the differences, so the normal approximation is used (R: "cannot compute exact p-value with ${ties ? 'ties' : 'zeroes'}")`,
    );
  const sigma = Math.sqrt((n * (n + 1) * (2 * n + 1)) / 24 - ties / 48);
  const p = normalP(v - (n * (n + 1)) / 4, sigma, alternative);
  // The statistic of x − d, standardised, as a function of the shift d (R's W(d) inside wilcox.test).
  const w = (d: number, correct: boolean) => {
    const xd = x.map((u) => u - d).filter((u) => u !== 0);
    const nx = xd.length;
    const r = averageRanks(xd.map(Math.abs));
    let s = 0;
    for (let i = 0; i < nx; i++) if (xd[i] > 0) s += r.ranks[i];
    const zd = s - (nx * (nx + 1)) / 4;
    const sd = Math.sqrt((nx * (nx + 1) * (2 * nx + 1)) / 24 - r.ties / 48);
    return (zd - (correct ? correction(zd, alternative) : 0)) / sd;
  };
  const sorted = [...x].sort((a, b) => a - b);
  const located = approximateInterval(w, sorted[0], sorted[n - 1], median(sorted), alternative, conf, true);
  const test: RankTest = { statistic: v, p, method: 'normal', estimate: located.estimate, ci: located.ci };
  if (located.tied)
    warnings.push(
      'Wilcoxon signed-rank: no confidence interval, every difference is the same (R: "cannot compute confidence interval when all observations are zero or tied")',
    );
  else if (located.level !== conf) {
    test.conf_level = located.level;
    warnings.push(`Wilcoxon signed-rank: the requested confidence level is not achievable; the interval is at ${asR(located.level)} (as R warns)`);
  }
  return { test, warnings };
}

/** The rank-sum test of x against y (R: wilcox.test(x, y, conf.int = TRUE)); the estimate is the shift of x from y. */
export function rankSum(x: number[], y: number[], options: RankOptions = {}): RankResult {
  const { alternative = 'two-sided', conf = 0.95 } = options;
  const [nx, ny] = [x.length, y.length];
  const warnings: string[] = [];
  const { ranks, ties } = averageRanks([...x, ...y]);
  let sum = 0;
  for (let i = 0; i < nx; i++) sum += ranks[i];
  const w = sum - (nx * (nx + 1)) / 2;
  const exact = options.exact !== false && nx < 50 && ny < 50;
  if (exact && ties === 0) {
    const upper = pwilcox(w - 1, nx, ny, false);
    const lower = pwilcox(w, nx, ny);
    const p = alternative === 'two-sided' ? Math.min(1, 2 * (w > (nx * ny) / 2 ? upper : lower)) : pValue(lower, upper, alternative);
    const diffs: number[] = [];
    for (const a of x) for (const b of y) diffs.push(a - b);
    diffs.sort((a, b) => a - b);
    const { ci, achieved } = exactInterval(
      diffs,
      (a) => qwilcox(a, nx, ny),
      (q) => pwilcox(q, nx, ny),
      nx * ny,
      alternative,
      conf,
    );
    const test: RankTest = { statistic: w, p, method: 'exact', estimate: median(diffs), ci };
    // R's rank-sum test states the achieved level itself (1 − achieved α), where the signed-rank one rounds it.
    if (achieved - (1 - conf) > (1 - conf) / 2) {
      test.conf_level = 1 - achieved;
      warnings.push(`Mann-Whitney: the requested confidence level is not achievable; the interval is at ${asR(test.conf_level!)} (as R warns)`);
    }
    return { test, warnings };
  }
  if (exact) warnings.push('Mann-Whitney: ties in the ranks, so the normal approximation is used (R: "cannot compute exact p-value with ties")');
  const total = nx + ny;
  const sigma = Math.sqrt(((nx * ny) / 12) * (total + 1 - ties / (total * (total - 1))));
  const p = normalP(w - (nx * ny) / 2, sigma, alternative);
  const shifted = (d: number, correct: boolean) => {
    const r = averageRanks([...x.map((u) => u - d), ...y]);
    let s = 0;
    for (let i = 0; i < nx; i++) s += r.ranks[i];
    const dz = s - (nx * (nx + 1)) / 2 - (nx * ny) / 2;
    const sd = Math.sqrt(((nx * ny) / 12) * (total + 1 - r.ties / (total * (total - 1))));
    return (dz - (correct ? correction(dz, alternative) : 0)) / sd;
  };
  const located = approximateInterval(shifted, Math.min(...x) - Math.max(...y), Math.max(...x) - Math.min(...y), NaN, alternative, conf, false);
  return { test: { statistic: w, p, method: 'normal', estimate: located.estimate, ci: located.ci }, warnings };
}

function correction(z: number, alternative: Alternative): number {
  return alternative === 'two-sided' ? Math.sign(z) * 0.5 : alternative === 'greater' ? 0.5 : -0.5;
}

function normalP(centred: number, sigma: number, alternative: Alternative): number {
  const z = (centred - correction(centred, alternative)) / sigma;
  return pValue(pnorm(z), pnorm(-z), alternative);
}

/** R's exact interval: the order statistics of the sorted differences at the distribution's quantiles. */
function exactInterval(
  diffs: number[],
  q: (alpha: number) => number,
  p: (q: number) => number,
  max: number,
  alternative: Alternative,
  conf: number,
): { ci: [number, number]; achieved: number } {
  const alpha = 1 - conf;
  let qu = q(alternative === 'two-sided' ? alpha / 2 : alpha);
  if (qu === 0) qu = 1;
  const ql = max - qu;
  const achieved = (alternative === 'two-sided' ? 2 : 1) * p(Math.trunc(qu) - 1);
  const lo = diffs[qu - 1];
  const hi = diffs[ql];
  const ci: [number, number] = alternative === 'greater' ? [lo, Infinity] : alternative === 'less' ? [-Infinity, hi] : [lo, hi];
  return { ci, achieved };
}

/** A level as R prints it (7 significant digits): 0.6, not the 0.5999999999999996 the arithmetic holds. */
const asR = (x: number) => String(Number(x.toPrecision(7)));

/** The signed-rank test reports the level it reached, rounded to 2 significant digits, as R does. */
function notAchievable(test: RankTest, achieved: number, conf: number, warnings: string[], name: string) {
  const alpha = 1 - conf;
  if (achieved - alpha <= alpha / 2) return;
  test.conf_level = 1 - signif2(achieved);
  warnings.push(`${name}: the requested confidence level is not achievable; the interval is at ${asR(test.conf_level!)} (as R warns)`);
}

/** R's signif(x, 2): two significant digits, halves to even (C's nearbyint in R's fprec). */
function signif2(x: number): number {
  const scale = 10 ** (1 - Math.floor(Math.log10(Math.abs(x))));
  const y = x * scale;
  const r = Math.round(y);
  return (r - y === 0.5 && r % 2 !== 0 ? r - 1 : r) / scale;
}

/**
 * R's asymptotic interval and estimate: the shifts d where the standardised statistic of the
 * shifted data meets the normal quantiles (with R's widening of α where the range of the data
 * cannot reach them, for the signed-rank test), and the shift where it is 0 without correction.
 */
function approximateInterval(
  w: (d: number, correct: boolean) => number,
  lo: number,
  hi: number,
  mid: number,
  alternative: Alternative,
  conf: number,
  widen: boolean,
): { estimate: number; ci: [number, number]; level: number; tied?: true } {
  let alpha = 1 - conf;
  let level = conf;
  const wLo = w(lo, true);
  const wHi = w(hi, true);
  if (!Number.isFinite(wLo) || !Number.isFinite(wHi))
    return { estimate: (lo + hi) / 2, ci: [alternative === 'less' ? -Infinity : NaN, alternative === 'greater' ? Infinity : NaN], level: 0, tied: true };
  const root = (zq: number) => {
    if (!widen) {
      if (wLo - zq <= 0) return lo;
      if (wHi - zq >= 0) return hi;
    }
    return uniroot((d) => w(d, true) - zq, lo, hi, TOL_ROOT);
  };
  if (widen) {
    // R widens α until the quantiles lie within what the data's range can give.
    const reach = () =>
      alternative === 'two-sided'
        ? wLo - qnorm(1 - alpha / 2) < 0 || wHi - qnorm(alpha / 2) > 0
        : alternative === 'greater'
          ? wLo - qnorm(1 - alpha) < 0
          : wHi - qnorm(alpha / 2) > 0;
    while (reach()) alpha *= 2;
    if (alpha >= 1 || 1 - conf < alpha * 0.75) level = 1 - Math.min(1, alpha);
  }
  let ci: [number, number];
  if (alternative === 'two-sided') ci = alpha < 1 ? [root(qnorm(1 - alpha / 2)), root(qnorm(alpha / 2))] : [mid, mid];
  else if (alternative === 'greater') ci = [alpha < 1 ? root(qnorm(1 - alpha)) : mid, Infinity];
  else ci = [-Infinity, alpha < 1 ? root(qnorm(alpha)) : mid];
  return { estimate: uniroot((d) => w(d, false), lo, hi, TOL_ROOT), ci, level };
}
