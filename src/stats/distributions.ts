/**
 * The distributions inference needs, from stdlib (NOTES.md: well-kept libraries, not tables).
 * One place, so every test uses the same functions. Upper tails come from the regularised
 * incomplete gamma and beta functions, not from 1 − cdf, so that a p of 1e-200 keeps its digits
 * (SPEC §6).
 */
import { createRequire } from 'node:module';

const require = createRequire(import.meta.url);
/**
 * A stdlib package, loaded on first use: together they take 90 ms to load, longer than most of a
 * report on a small file, and a run needs one or two of them.
 */
export function lazy<T>(name: string): () => T {
  let f: T | undefined;
  return () => (f ??= require(name) as T);
}

const normalCdf = lazy<typeof import('@stdlib/stats-base-dists-normal-cdf')>('@stdlib/stats-base-dists-normal-cdf');
const normalQuantile = lazy<typeof import('@stdlib/stats-base-dists-normal-quantile')>('@stdlib/stats-base-dists-normal-quantile');
const tCdf = lazy<typeof import('@stdlib/stats-base-dists-t-cdf')>('@stdlib/stats-base-dists-t-cdf');
const tQuantile = lazy<typeof import('@stdlib/stats-base-dists-t-quantile')>('@stdlib/stats-base-dists-t-quantile');
const gammainc = lazy<typeof import('@stdlib/math-base-special-gammainc')>('@stdlib/math-base-special-gammainc');
export const betainc = lazy<typeof import('@stdlib/math-base-special-betainc')>('@stdlib/math-base-special-betainc');
const betaQuantile = lazy<typeof import('@stdlib/stats-base-dists-beta-quantile')>('@stdlib/stats-base-dists-beta-quantile');
const hypergeometricLogPmf = lazy<typeof import('@stdlib/stats-base-dists-hypergeometric-logpmf')>('@stdlib/stats-base-dists-hypergeometric-logpmf');
const binomialPmf = lazy<typeof import('@stdlib/stats-base-dists-binomial-pmf')>('@stdlib/stats-base-dists-binomial-pmf');

/** P(Z ≤ z) for the standard normal. */
export const pnorm = (z: number) => normalCdf()(z, 0, 1);
/**
 * z for a 95% interval, as stdlib computes qnorm(0.975) (R: 1.9599639845400536, one unit in the
 * last place below): every report's intervals need it, and loading the quantile takes 30 ms.
 * test/stats/distributions.test.ts holds it to stdlib's.
 */
export const Z_975 = 1.9599639845400538;
/** The standard normal quantile. */
export const qnorm = (p: number) => (p === 0.975 ? Z_975 : normalQuantile()(p, 0, 1));
/** P(T ≤ t) with df degrees of freedom. */
export const pt = (t: number, df: number) => tCdf()(t, df);
/** The t quantile with df degrees of freedom. */
export const qt = (p: number, df: number) => tQuantile()(p, df);
/** P(X > x) for chi-squared with df degrees of freedom: Q(df/2, x/2), the upper regularised gamma. */
export const pchisqUpper = (x: number, df: number) => (x <= 0 ? 1 : gammainc()(x / 2, df / 2, true, true));
/** P(X ≤ x) for a binomial(n, p) count (R `pbinom`). */
export const pbinom = (x: number, n: number, p: number) => (x < 0 ? 0 : x >= n ? 1 : betainc()(p, x + 1, n - x, true, true));
/** P(X ≥ x) for a binomial(n, p) count (R `pbinom(x - 1, n, p, lower.tail = FALSE)`). */
export const pbinomUpper = (x: number, n: number, p: number) => (x <= 0 ? 1 : x > n ? 0 : betainc()(p, x, n - x + 1, true, false));
/** P(X = x) for a binomial(n, p) count (R `dbinom`). */
export const dbinom = (x: number, n: number, p: number) => binomialPmf()(x, n, p);
/** The beta quantile (R `qbeta`). */
export const qbeta = (p: number, a: number, b: number) => betaQuantile()(p, a, b);
/** log P(X = x) drawing k from m white and n black balls (R `dhyper(x, m, n, k, log = TRUE)`). */
export const dhyperLog = (x: number, m: number, n: number, k: number) => hypergeometricLogPmf()(x, m + n, m, k);
