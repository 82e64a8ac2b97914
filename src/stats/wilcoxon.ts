/**
 * Wilcoxon signed-rank and rank-sum (Mann-Whitney) tests with the normal approximation,
 * continuity and tie correction, as R's `wilcox.test(exact = FALSE, correct = TRUE)`;
 * the statistic is V (signed-rank) or W (rank-sum) as R reports it.
 * Wilcoxon, F. (1945). Individual comparisons by ranking methods. Biometrics Bulletin 1(6), 80-83.
 */
import { pValue, type Alternative } from './alternative.js';
import { pnorm } from './distributions.js';
import { averageRanks } from './ranks.js';

export interface RankTest {
  statistic: number;
  p: number;
}

export function signedRank(post: number[], pre: number[], alternative: Alternative = 'two-sided'): RankTest {
  const d = post.map((x, i) => x - pre[i]).filter((x) => x !== 0);
  const n = d.length;
  if (n === 0) return { statistic: 0, p: NaN };
  const { ranks, ties } = averageRanks(d.map(Math.abs));
  let v = 0;
  for (let i = 0; i < n; i++) if (d[i] > 0) v += ranks[i];
  const sigma = Math.sqrt((n * (n + 1) * (2 * n + 1)) / 24 - ties / 48);
  return { statistic: v, p: normalP(v - (n * (n + 1)) / 4, sigma, alternative) };
}

/** Rank-sum test of x against y (R: wilcox.test(x, y)). */
export function rankSum(x: number[], y: number[], alternative: Alternative = 'two-sided'): RankTest {
  const nx = x.length;
  const ny = y.length;
  const { ranks, ties } = averageRanks([...x, ...y]);
  let sum = 0;
  for (let i = 0; i < nx; i++) sum += ranks[i];
  const w = sum - (nx * (nx + 1)) / 2;
  const sigma = Math.sqrt(((nx * ny) / 12) * (nx + ny + 1 - ties / ((nx + ny) * (nx + ny - 1))));
  return { statistic: w, p: normalP(w - (nx * ny) / 2, sigma, alternative) };
}

function normalP(centred: number, sigma: number, alternative: Alternative): number {
  const correction = alternative === 'two-sided' ? Math.sign(centred) * 0.5 : alternative === 'greater' ? 0.5 : -0.5;
  const z = (centred - correction) / sigma;
  return pValue(pnorm(z), pnorm(-z), alternative);
}
