/**
 * The exact binomial test, as R's `binom.test(x, n, p)`: p-value (two-sided: the tables no more
 * likely than the one observed, with R's relative tolerance 1 + 1e-7), the estimate x/n and the
 * Clopper–Pearson interval.
 * Clopper, C. J. & Pearson, E. S. (1934). Biometrika 26(4), 404-413.
 * @example binomTest(7, 9, 0.5, 'greater') // p = 0.08984375, as R
 */
import type { Alternative } from './alternative.js';
import { dbinom as density, pbinom, pbinomUpper, qbeta } from './distributions.js';

export interface BinomTest {
  successes: number;
  trials: number;
  p: number;
  estimate: number;
  ci: [number, number];
}

const RELATIVE = 1 + 1e-7;

export function binomTest(x: number, n: number, p = 0.5, alternative: Alternative = 'two-sided', conf = 0.95): BinomTest {
  if (n < 1) throw new RangeError('binomTest requires at least one trial');
  const dbinom = (k: number) => density(k, n, p);
  let pv: number;
  if (alternative === 'less') pv = pbinom(x, n, p);
  else if (alternative === 'greater') pv = pbinomUpper(x, n, p);
  else {
    const d = dbinom(x);
    const m = n * p;
    if (x === m) pv = 1;
    else if (x < m) {
      let y = 0;
      for (let i = Math.ceil(m); i <= n; i++) if (dbinom(i) <= d * RELATIVE) y++;
      pv = pbinom(x, n, p) + pbinomUpper(n - y + 1, n, p);
    } else {
      let y = 0;
      for (let i = 0; i <= Math.floor(m); i++) if (dbinom(i) <= d * RELATIVE) y++;
      pv = pbinom(y - 1, n, p) + pbinomUpper(x, n, p);
    }
    pv = Math.min(1, pv);
  }
  const lower = (a: number) => (x === 0 ? 0 : qbeta(a, x, n - x + 1));
  const upper = (a: number) => (x === n ? 1 : qbeta(1 - a, x + 1, n - x));
  const ci: [number, number] = alternative === 'less' ? [0, upper(1 - conf)] : alternative === 'greater' ? [lower(1 - conf), 1] : [lower((1 - conf) / 2), upper((1 - conf) / 2)];
  return { successes: x, trials: n, p: pv, estimate: x / n, ci };
}
