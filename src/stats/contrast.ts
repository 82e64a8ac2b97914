/**
 * A contrast of group means in a linear model with one mean per cell, as R's `lm` gives it: the
 * estimate Σ cᵢ·meanᵢ, its standard error from the residual variance pooled over every cell,
 * s·√(Σ cᵢ²/nᵢ), and t on N − k degrees of freedom. With cells failure×level and control×level and
 * c = (+1, −1, −1, +1) it is the interaction coefficient of `lm(post ~ group * level)`; with cells
 * failure-high, failure-low and control and c = (+1, −1, 0), the failure-high coefficient of
 * `lm(post ~ cell)` with failure-low as the reference.
 */
import { mean } from 'simple-statistics';
import { interval, pValue } from './alternative.js';
import { pt, qt } from './distributions.js';
import { Refusal, type TTest } from './t-test.js';

export interface Cell {
  values: number[];
  weight: number;
}

export function cellContrast(cells: Cell[], conf = 0.95): TTest {
  const used = cells.filter((c) => c.values.length > 0);
  if (cells.some((c) => c.weight !== 0 && c.values.length === 0)) throw new Refusal('a cell of the model has no cases');
  const n = used.reduce((s, c) => s + c.values.length, 0);
  const df = n - used.length;
  if (df < 1) throw new Refusal('not enough observations');
  let ss = 0;
  let estimate = 0;
  let spread = 0;
  for (const c of used) {
    const m = mean(c.values);
    for (const v of c.values) ss += (v - m) ** 2;
    estimate += c.weight * m;
    spread += (c.weight * c.weight) / c.values.length;
  }
  const se = Math.sqrt((ss / df) * spread);
  if (se === 0) throw new Refusal('the residual variance is 0 (every case equals its cell mean)');
  const statistic = estimate / se;
  return { statistic, df, p: pValue(pt(statistic, df), pt(-statistic, df), 'two-sided'), estimate, ci: interval(estimate, se, (q) => qt(q, df), conf, 'two-sided') };
}
