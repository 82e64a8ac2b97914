/**
 * A coefficient's Wald inference from its estimate and standard error: z, the two-sided normal p
 * and the normal interval — R's `summary()` z and p and `confint.default()` for glm and rma alike.
 */
import { pnorm, qnorm } from './distributions.js';

export interface WaldTerm {
  term: string;
  estimate: number;
  se: number;
  z: number;
  p: number;
  ci: [number, number];
}

/** `crit`: the normal quantile of the interval, qnorm((1 + conf) / 2) (see `waldCritical`). */
export function waldTerm(term: string, estimate: number, se: number, crit: number): WaldTerm {
  const z = estimate / se;
  return { term, estimate, se, z, p: 2 * pnorm(-Math.abs(z)), ci: [estimate - crit * se, estimate + crit * se] };
}

export const waldCritical = (conf: number) => qnorm((1 + conf) / 2);
