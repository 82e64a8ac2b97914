/**
 * Equivalence by two one-sided tests (TOST; Schuirmann 1987, Journal of Pharmacokinetics and
 * Biopharmaceutics 15(6), 657-680; Lakens 2017, Social Psychological and Personality Science 8(4),
 * 355-362): is the mean change (or difference) within ±δ? As R's pair of t-tests:
 * lower `t.test(..., mu = -δ, alternative = "greater")`, upper `t.test(..., mu = δ, alternative = "less")`;
 * p is the larger of the two, and the interval is the two-sided one at 1 − 2α (R `conf.level = 1 - 2α`).
 */
import { pt, qt } from './distributions.js';
import type { TParts } from './t-test.js';

export interface Equivalence {
  delta: number;
  df: number;
  lower: { statistic: number; p: number };
  upper: { statistic: number; p: number };
  /** The larger one-sided p: equivalence is shown where it is below α. */
  p: number;
  /** The 1 − 2α interval of the estimate: equivalence at level α where it lies within ±δ. */
  ci: [number, number];
  conf_level: number;
}

export function tost({ estimate, se, df }: TParts, delta: number, conf = 0.95): Equivalence {
  const lower = (estimate + delta) / se;
  const upper = (estimate - delta) / se;
  const level = 1 - 2 * (1 - conf);
  const q = qt(1 - (1 - level) / 2, df);
  const pLower = pt(-lower, df);
  const pUpper = pt(upper, df);
  return {
    delta,
    df,
    lower: { statistic: lower, p: pLower },
    upper: { statistic: upper, p: pUpper },
    p: Math.max(pLower, pUpper),
    // R's interval is mu + (t ± q)·se: with no spread at all, t is infinite and the interval NaN.
    ci: se > 0 ? [estimate - q * se, estimate + q * se] : [NaN, NaN],
    conf_level: level,
  };
}
