/**
 * Standardised effect sizes.
 * Cohen's d_z = mean(d) / sd(d) for paired differences (Lakens 2013, Frontiers in Psychology 4:863),
 * with an approximate interval d ± z·√(1/n + d²/(2n)).
 * Hedges' g = J·d with pooled SD and J = 1 − 3/(4(n₁+n₂) − 9), interval g ± z·√((n₁+n₂)/(n₁n₂) + g²/(2(n₁+n₂)))
 * (Hedges & Olkin 1985, Statistical Methods for Meta-Analysis), as SPEC §6 states.
 */
import { mean, sampleVariance } from 'simple-statistics';
import { qnorm } from './distributions.js';

export interface EffectSize {
  name: 'cohens_dz' | 'hedges_g';
  value: number;
  ci: [number, number];
}

export function cohensDz(post: number[], pre: number[], conf = 0.95): EffectSize {
  const d = post.map((x, i) => x - pre[i]);
  const n = d.length;
  const value = mean(d) / Math.sqrt(sampleVariance(d));
  const half = qnorm((1 + conf) / 2) * Math.sqrt(1 / n + (value * value) / (2 * n));
  return { name: 'cohens_dz', value, ci: [value - half, value + half] };
}

export function hedgesG(x: number[], y: number[], conf = 0.95): EffectSize {
  const n1 = x.length;
  const n2 = y.length;
  const pooled = Math.sqrt(((n1 - 1) * sampleVariance(x) + (n2 - 1) * sampleVariance(y)) / (n1 + n2 - 2));
  const value = (1 - 3 / (4 * (n1 + n2) - 9)) * ((mean(x) - mean(y)) / pooled);
  const half = qnorm((1 + conf) / 2) * Math.sqrt((n1 + n2) / (n1 * n2) + (value * value) / (2 * (n1 + n2)));
  return { name: 'hedges_g', value, ci: [value - half, value + half] };
}
