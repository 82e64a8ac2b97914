/**
 * The noncentral t distribution function, as R's `pt(t, df, ncp)` (nmath pnt.c: Lenth's AS 243 with
 * R's changes), and the interval of a standardised mean difference found by inverting it: the
 * noncentrality parameters at which the observed t is the upper and lower quantile, scaled to d.
 * R's effectsize::cohens_d(paired = TRUE) finds the same bounds (with an optimiser; srp solves
 * them to 1e-12).
 * Lenth, R. V. (1989). Algorithm AS 243. Applied Statistics 38(1), 185-189; Steiger, J. H. &
 * Fouladi, R. T. (1997). Noncentrality interval estimation. In What If There Were No Significance
 * Tests? (pp. 221-257).
 */
import { betainc, lazy, pnorm, pt } from './distributions.js';
import { uniroot } from './uniroot.js';

const expm1 = lazy<typeof import('@stdlib/math-base-special-expm1')>('@stdlib/math-base-special-expm1');
const gammaln = lazy<typeof import('@stdlib/math-base-special-gammaln')>('@stdlib/math-base-special-gammaln');

const ITRMAX = 1000;
const ERRMAX = 1e-12;
const M_SQRT_2dPI = 0.797884560802865355879892119869;
const M_LN_SQRT_PI = 0.572364942924700087071713675677;
const DBL_EPSILON = 2.220446049250313e-16;
/** 2·ln 2·(−DBL_MIN_EXP): beyond it R switches to the normal approximation. */
const DEL_MAX = 2 * Math.LN2 * 1021;

/** P(T ≤ t) for the noncentral t with `df` degrees of freedom and noncentrality `ncp`. */
export function pnt(t: number, df: number, ncp: number): number {
  if (ncp === 0) return pt(t, df);
  if (!Number.isFinite(t)) return t < 0 ? 0 : 1;
  let negdel: boolean;
  let tt: number;
  let del: number;
  if (t >= 0) [negdel, tt, del] = [false, t, ncp];
  else {
    if (ncp > 40) return 0;
    [negdel, tt, del] = [true, -t, -ncp];
  }
  if (df > 4e5 || del * del > DEL_MAX) {
    // Abramowitz & Stegun 26.7.10.
    const s = 1 / (4 * df);
    const z = (tt * (1 - s) - del) / Math.sqrt(1 + tt * tt * 2 * s);
    return negdel ? pnorm(-z) : pnorm(z);
  }
  let x = t * t;
  x = x / (x + df);
  let tnc: number;
  if (x > 0) {
    const lambda = del * del;
    let p = 0.5 * Math.exp(-0.5 * lambda);
    if (p === 0) return 0;
    let q = M_SQRT_2dPI * p * del;
    let s = 0.5 - p;
    if (s < 1e-7) s = -0.5 * expm1()(-0.5 * lambda);
    let a = 0.5;
    const b = 0.5 * df;
    const rxb = Math.pow(1 - x, b);
    const albeta = M_LN_SQRT_PI + gammaln()(b) - gammaln()(0.5 + b);
    let xodd = betainc()(x, a, b, true, false);
    let godd = 2 * rxb * Math.exp(a * Math.log(x) - albeta);
    tnc = b * x;
    let xeven = tnc < DBL_EPSILON ? tnc : 1 - rxb;
    let geven = tnc * rxb;
    tnc = p * xodd + q * xeven;
    for (let it = 1; it <= ITRMAX; it++) {
      a += 1;
      xodd -= godd;
      xeven -= geven;
      godd *= (x * (a + b - 1)) / a;
      geven *= (x * (a + b - 0.5)) / (a + 0.5);
      p *= lambda / (2 * it);
      q *= lambda / (2 * it + 1);
      tnc += p * xodd + q * xeven;
      s -= p;
      if (s < -1e-10) break;
      if (s <= 0 && it > 1) break;
      const errbd = 2 * s * (xodd - godd);
      if (Math.abs(errbd) < ERRMAX) break;
    }
  } else tnc = 0;
  tnc += pnorm(-del);
  const ans = Math.min(tnc, 1);
  return negdel ? 1 - ans : ans;
}

/**
 * The noncentrality parameters at which the observed t is the (1 + conf)/2 and (1 − conf)/2
 * quantile of the noncentral t: the two-sided `conf` interval of ncp.
 */
export function ncpInterval(t: number, df: number, conf = 0.95): [number, number] {
  if (!Number.isFinite(t)) return [NaN, NaN];
  const [lowP, highP] = [(1 + conf) / 2, (1 - conf) / 2];
  // pnt(t; ncp) falls as ncp grows: bracket each root around t, widening a bounded number of times.
  const solve = (target: number) => {
    const f = (ncp: number) => pnt(t, df, ncp) - target;
    let [lo, hi, step] = [t - 10, t + 10, 10];
    while (f(lo) < 0) {
      if ((step *= 2) > 1e12) return NaN;
      lo -= step;
    }
    step = 10;
    while (f(hi) > 0) {
      if ((step *= 2) > 1e12) return NaN;
      hi += step;
    }
    return uniroot(f, lo, hi, 1e-12);
  };
  return [solve(lowP), solve(highP)];
}
