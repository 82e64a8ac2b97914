/**
 * `srp fit`: the logistic model of SPEC §5 estimated by maximum likelihood on cases whose
 * outcome is observed (post > pre), with cross-validated quality; the result (srp.fit/1)
 * holds a model file that --model accepts.
 */
import { modelError } from '../errors.js';
import { FACTORS, type Factor } from '../io/columns.js';
import type { ReadOptions } from '../io/read.js';
import type { Input } from '../io/source.js';
import type { Model } from '../model/model.js';
import { crossValidate, type CrossValidation } from '../stats/cross-validation.js';
import type { CalibrationBin } from '../stats/calibration.js';
import { FitRefusal, logisticRegression, type LogisticTerm } from '../stats/logistic.js';
import { readResearchCases } from './research-cases.js';

export interface FitOptions {
  folds?: number;
  seed?: number;
  confLevel?: number;
}

export interface FitDoc {
  schema: 'srp.fit/1';
  input: { rows: number; accepted: number; rejected: number };
  n: number;
  events: number;
  terms: LogisticTerm[];
  deviance: number;
  aic: number;
  cv: Omit<CrossValidation, 'calibration'> | null;
  calibration: CalibrationBin[];
  model: object;
  warnings: string[];
}

/** Fewer cases than this with an observed outcome are refused. */
export const MIN_CASES = 20;

export async function fitModel(inputs: Input[], read: ReadOptions, base: Model, options: FitOptions = {}): Promise<FitDoc> {
  const folds = options.folds ?? 5;
  const seed = options.seed ?? 1;
  const { cases, summary } = await readResearchCases(inputs, read, base);
  const warnings = [...summary.warnings];
  const observed = cases.filter((c) => c.pre !== null && c.post !== null);
  const present = FACTORS.filter((_, j) => observed.some((c) => c.factors[j] !== null));
  const absent = FACTORS.filter((f) => !present.includes(f));
  if (!present.length) throw modelError('cannot fit: no factor (severity, prior_failures, controllability, stability, recovery_quality) is in the data');
  const idx = present.map((f) => FACTORS.indexOf(f));
  const complete = observed.filter((c) => idx.every((j) => c.factors[j] !== null));
  if (absent.length) warnings.push(`not in the data, so not estimated (coefficient 0 in the model file): ${absent.join(', ')}`);
  if (complete.length < observed.length) warnings.push(`${observed.length - complete.length} cases with an observed outcome lack a factor and are left out`);
  if (complete.length < MIN_CASES) throw modelError(`cannot fit: too few cases (${complete.length} with pre and post satisfaction and every factor; at least ${MIN_CASES} are needed)`);
  const x = complete.map((c) => idx.map((j) => c.factors[j]!));
  const y: number[] = complete.map((c) => (c.post! > c.pre! ? 1 : 0));
  const events = y.reduce((a, b) => a + b, 0);
  if (events === 0 || events === y.length) throw modelError(`cannot fit: one outcome class only (${events === 0 ? 'no case ended above its pre-failure satisfaction' : 'every case ended above its pre-failure satisfaction'})`);
  const separating = separatingFactor(x, y, present);
  if (separating) throw modelError(`cannot fit: perfect separation: ${separating} alone separates the cases with the paradox from those without, so its estimate would be infinite`);
  let fit;
  try {
    fit = logisticRegression(x, y, present, options.confLevel ?? 0.95);
  } catch (e) {
    if (e instanceof FitRefusal) throw modelError(`cannot fit: ${e.message}`);
    throw e;
  }
  if (Math.min(events, y.length - events) / (present.length + 1) < 10) warnings.push(`fewer than 10 events per term (${Math.min(events, y.length - events)} for ${present.length + 1} terms): the estimates are unstable`);
  let cv: CrossValidation | null = null;
  try {
    if (complete.length >= folds * 4) cv = crossValidate(x, y, present, folds, seed);
    else warnings.push(`too few cases for ${folds}-fold cross-validation`);
  } catch (e) {
    if (!(e instanceof FitRefusal)) throw e;
    warnings.push(`cross-validation not possible: a fold could not be fitted (${e.message})`);
  }
  const coefficients = Object.fromEntries(
    FACTORS.map((f) => {
      const t = fit.terms.find((term) => term.term === f);
      return [f, t ? { value: t.estimate, se: t.se, why: `estimated by srp fit on ${complete.length} cases` } : { value: 0, why: 'not in the data the model was fitted on' }];
    }),
  ) as Record<Factor, object>;
  const { calibration, ...cvSummary } = cv ?? { calibration: [] as CalibrationBin[] };
  return {
    schema: 'srp.fit/1',
    input: { rows: summary.rows, accepted: summary.accepted, rejected: summary.rejected },
    n: complete.length,
    events,
    terms: fit.terms,
    deviance: fit.deviance,
    aic: fit.aic,
    cv: cv ? (cvSummary as Omit<CrossValidation, 'calibration'>) : null,
    calibration,
    model: {
      schema: 'srp.model/1',
      name: `fitted on ${complete.length} cases`,
      description: 'Logistic model of P(post-recovery satisfaction > pre-failure satisfaction), estimated by maximum likelihood (IRLS) with srp fit.',
      intercept: { value: fit.terms[0].estimate, se: fit.terms[0].se },
      coefficients,
      neutral: Object.fromEntries(FACTORS.map((f) => [f, base.neutral[f]])),
      recovery_components: { weights: base.componentWeights, response_half_life_hours: base.responseHalfLifeHours },
    },
    warnings,
  };
}

/** A factor whose values alone split the outcomes (every paradox on one side of a cut). */
function separatingFactor(x: number[][], y: number[], names: string[]): string | null {
  for (let j = 0; j < names.length; j++) {
    let min1 = Infinity, max1 = -Infinity, min0 = Infinity, max0 = -Infinity;
    for (let i = 0; i < y.length; i++) {
      const v = x[i][j];
      if (y[i]) { min1 = Math.min(min1, v); max1 = Math.max(max1, v); }
      else { min0 = Math.min(min0, v); max0 = Math.max(max0, v); }
    }
    if (min1 > max0 || min0 > max1) return names[j];
  }
  return null;
}
