/**
 * The paradox probability of one case (SPEC §5): logistic in the normalised factors, with the
 * ceiling (P7), the drivers (each factor's contribution to the log-odds) and the potential
 * (the probability the same case would have with an excellent recovery).
 */
import type { Case } from '../case.js';
import { FACTORS, type Factor } from '../io/columns.js';
import { caseFactors, type FactorValues } from './factors.js';
import type { Model } from './model.js';

export type Observed = 'paradox' | 'restored' | 'not restored';

export interface Driver {
  factor: Factor;
  /** Contribution to the log-odds: coefficient × value. */
  contribution: number;
  /** Share of the summed absolute contributions. */
  share: number;
}

export interface Prediction {
  factors: FactorValues;
  assumed: Factor[];
  probability: number;
  potential: number;
  likely: boolean;
  /** Pre-failure satisfaction already at the top of its scale (P7). */
  ceiling: boolean;
  verdict: string;
  drivers: Driver[];
  observed: Observed | null;
}

const logistic = (eta: number) => 1 / (1 + Math.exp(-eta));

export function linearPredictor(values: FactorValues, model: Model): number {
  let eta = model.intercept;
  for (const f of FACTORS) eta += model.coefficients[f] * values[f];
  return eta;
}

export function paradoxProbability(values: FactorValues, model: Model): number {
  return logistic(linearPredictor(values, model));
}

export function observedOutcome(c: Case): Observed | null {
  if (c.pre === null || c.post === null) return null;
  return c.post > c.pre ? 'paradox' : c.post === c.pre ? 'restored' : 'not restored';
}

export function predict(c: Case, model: Model, threshold = 0.5): Prediction {
  const { values, assumed } = caseFactors(c, model);
  const ceiling = c.pre !== null && c.top !== null && c.pre >= c.top;
  const eta = linearPredictor(values, model);
  const probability = ceiling ? 0 : logistic(eta);
  const potential = ceiling ? 0 : logistic(eta + model.coefficients.recovery_quality * (1 - values.recovery_quality));
  const likely = probability >= threshold;
  let total = 0;
  const drivers: Driver[] = FACTORS.map((f) => {
    const contribution = model.coefficients[f] * values[f];
    total += Math.abs(contribution);
    return { factor: f, contribution, share: 0 };
  });
  for (const d of drivers) d.share = total ? Math.abs(d.contribution) / total : 0;
  drivers.sort((a, b) => Math.abs(b.contribution) - Math.abs(a.contribution));
  const verdict = ceiling ? 'paradox unlikely: pre-failure satisfaction is already at the top of the scale' : likely ? 'paradox likely' : 'paradox unlikely';
  return { factors: values, assumed, probability, potential, likely, ceiling, verdict, drivers, observed: observedOutcome(c) };
}
