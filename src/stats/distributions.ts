/**
 * The distributions inference needs, from stdlib (NOTES.md: well-kept libraries, not tables).
 * One place, so every test uses the same functions.
 */
import normalCdf from '@stdlib/stats-base-dists-normal-cdf';
import normalQuantile from '@stdlib/stats-base-dists-normal-quantile';
import tCdf from '@stdlib/stats-base-dists-t-cdf';
import tQuantile from '@stdlib/stats-base-dists-t-quantile';
import chisqCdf from '@stdlib/stats-base-dists-chisquare-cdf';

/** P(Z ≤ z) for the standard normal. */
export const pnorm = (z: number) => normalCdf(z, 0, 1);
/** The standard normal quantile. */
export const qnorm = (p: number) => normalQuantile(p, 0, 1);
/** P(T ≤ t) with df degrees of freedom. */
export const pt = (t: number, df: number) => tCdf(t, df);
/** The t quantile with df degrees of freedom. */
export const qt = (p: number, df: number) => tQuantile(p, df);
/** P(X > x) for chi-squared with df degrees of freedom. */
export const pchisqUpper = (x: number, df: number) => 1 - chisqCdf(x, df);
