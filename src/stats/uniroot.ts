/**
 * R's `uniroot` (Brent's method, R's C routine `R_zeroin2`, ported line for line), with its default
 * tolerance .Machine$double.eps^0.25: where R reports a root found to that tolerance (fisher.test's
 * odds ratio and its interval), srp reports the same number, not a more precise one.
 * Brent, R. P. (1973). Algorithms for Minimization without Derivatives, ch. 4.
 */
const EPSILON = 2.220446049250313e-16;
export const UNIROOT_TOL = Math.pow(EPSILON, 0.25);

export function uniroot(f: (x: number) => number, lower: number, upper: number, tol = UNIROOT_TOL, maxiter = 1000): number {
  let a = lower;
  let b = upper;
  let fa = f(a);
  let fb = f(b);
  if (fa * fb > 0) throw new RangeError('uniroot: f() values at the end points are not of opposite sign');
  let c = a;
  let fc = fa;
  if (fa === 0) return a;
  if (fb === 0) return b;
  for (let left = maxiter + 1; left-- > 0; ) {
    const prevStep = b - a;
    if (Math.abs(fc) < Math.abs(fb)) {
      a = b; b = c; c = a;
      fa = fb; fb = fc; fc = fa;
    }
    const tolAct = 2 * EPSILON * Math.abs(b) + tol / 2;
    let newStep = (c - b) / 2;
    if (Math.abs(newStep) <= tolAct || fb === 0) return b;
    if (Math.abs(prevStep) >= tolAct && Math.abs(fa) > Math.abs(fb)) {
      let p: number;
      let q: number;
      const cb = c - b;
      if (a === c) {
        const t1 = fb / fa;
        p = cb * t1;
        q = 1 - t1;
      } else {
        q = fa / fc;
        const t1 = fb / fc;
        const t2 = fb / fa;
        p = t2 * (cb * q * (q - t1) - (b - a) * (t1 - 1));
        q = (q - 1) * (t1 - 1) * (t2 - 1);
      }
      if (p > 0) q = -q;
      else p = -p;
      if (p < 0.75 * cb * q - Math.abs(tolAct * q) / 2 && p < Math.abs((prevStep * q) / 2)) newStep = p / q;
    }
    if (Math.abs(newStep) < tolAct) newStep = newStep > 0 ? tolAct : -tolAct;
    a = b;
    fa = fb;
    b += newStep;
    fb = f(b);
    if ((fb > 0 && fc > 0) || (fb < 0 && fc < 0)) {
      c = a;
      fc = fa;
    }
  }
  return b;
}
