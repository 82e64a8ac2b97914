/**
 * The paradox probability of one case (SPEC §5): logistic in the normalised factors, with the
 * ceiling (P7), the drivers (each factor's contribution to the log-odds) and the potential
 * (the probability the same case would have with an excellent recovery).
 */
import { FACTORS, type Case, type Factor, type Observed } from '../case.js';
import { assumedNames, fillFactors, type FactorValues } from './factors.js';
import { linearPredictor, logistic } from './linear.js';
import type { Model } from './model.js';

export type { Observed };

export interface Driver {
  factor: Factor;
  /** Contribution to the log-odds: coefficient × value. */
  contribution: number;
  /** Share of the summed absolute contributions. */
  share: number;
}

export interface Prediction {
  /** Factor values in FACTORS order (assumed ones at their neutral value). */
  values: number[];
  /** Assumed factors as a bit mask (bit i = FACTORS[i]). */
  assumedMask: number;
  probability: number;
  potential: number;
  likely: boolean;
  /** Pre-failure satisfaction already at the top of its scale (P7). */
  ceiling: boolean;
  observed: Observed | null;
}

const RECOVERY = FACTORS.indexOf('recovery_quality');

/** The model's probability for factor values given by name (every factor known). */
export function paradoxProbability(values: FactorValues, model: Model): number {
  return logistic(linearPredictor(model.intercept, coefficientArray(model), FACTORS.map((f) => values[f])));
}

export function observedOutcome(c: Case): Observed | null {
  if (c.pre === null || c.post === null) return null;
  return c.post > c.pre ? 'paradox' : c.post === c.pre ? 'restored' : 'not restored';
}

/** Coefficients in FACTORS order, for the hot path. */
const betas = new WeakMap<Model, Float64Array>();
export function coefficientArray(model: Model): Float64Array {
  let b = betas.get(model);
  if (!b) betas.set(model, (b = Float64Array.from(FACTORS, (f) => model.coefficients[f])));
  return b;
}

/**
 * Predicts one case. `into`, when given, is reused and returned (a consumer that does not keep
 * predictions, such as the report, allocates none per case).
 */
export function predict(c: Case, model: Model, threshold = 0.5, into?: Prediction): Prediction {
  const values = into ? into.values : [0, 0, 0, 0, 0];
  const assumedMask = fillFactors(c, model, values);
  const b = coefficientArray(model);
  const eta = linearPredictor(model.intercept, b, values);
  const ceiling = c.pre !== null && c.top !== null && c.pre >= c.top;
  const probability = ceiling ? 0 : logistic(eta);
  const potential = ceiling ? 0 : logistic(eta + b[RECOVERY] * (1 - values[RECOVERY]));
  if (!into) return { values, assumedMask, probability, potential, likely: probability >= threshold, ceiling, observed: observedOutcome(c) };
  into.assumedMask = assumedMask;
  into.probability = probability;
  into.potential = potential;
  into.likely = probability >= threshold;
  into.ceiling = ceiling;
  into.observed = observedOutcome(c);
  return into;
}

/** A prediction to reuse with `predict(c, model, threshold, into)`. */
export const scratchPrediction = (): Prediction => ({ values: [0, 0, 0, 0, 0], assumedMask: 0, probability: 0, potential: 0, likely: false, ceiling: false, observed: null });

export const verdict = (p: Prediction) =>
  p.ceiling ? 'paradox unlikely: pre-failure satisfaction is already at the top of the scale' : p.likely ? 'paradox likely' : 'paradox unlikely';

export const assumed = (p: Prediction) => assumedNames(p.assumedMask);

export const factorValues = (p: Prediction): FactorValues => Object.fromEntries(FACTORS.map((f, i) => [f, p.values[i]])) as FactorValues;

/** Each factor's contribution to the log-odds, largest first. */
export function drivers(p: Prediction, model: Model): Driver[] {
  const b = coefficientArray(model);
  let total = 0;
  const list = FACTORS.map((factor, i) => {
    const contribution = b[i] * p.values[i];
    total += Math.abs(contribution);
    return { factor, contribution, share: 0 };
  });
  for (const d of list) d.share = total ? Math.abs(d.contribution) / total : 0;
  return list.sort((x, y) => Math.abs(y.contribution) - Math.abs(x.contribution));
}
