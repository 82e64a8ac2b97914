/**
 * `srp fit`: the logistic model of SPEC §5 estimated by maximum likelihood on cases whose
 * outcome is observed (post > pre), with cross-validated quality; the result (srp.fit/1)
 * holds a model file that --model accepts.
 */
import { FACTORS, type Accounting, type Factor } from '../case.js';
import { modelError } from '../errors.js';
import { accounting, type ReadOptions } from '../io/read.js';
import type { Input } from '../io/source.js';
import type { Model } from '../model/model.js';
import { crossValidate, type CrossValidation } from '../stats/cross-validation.js';
import type { CalibrationBin } from '../stats/calibration.js';
import { FitRefusal, type LogisticFit, type LogisticTerm } from '../stats/logistic.js';
import { baselineOf, type Design, type DesignOptions } from './context.js';
import { NO_BASELINE, fitParadox, paradoxData, type ParadoxData } from './paradox-model.js';
import { readResearchCases, type ResearchCase } from './research-cases.js';

export interface FitOptions extends DesignOptions {
  folds?: number;
  seed?: number;
  confLevel?: number;
}

export interface FitDoc {
  schema: 'srp.fit/1';
  design: Design;
  design_reason: string;
  input: Accounting;
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

export async function fitModel(inputs: Input[], read: ReadOptions, base: Model, options: FitOptions = {}): Promise<FitDoc> {
  const folds = options.folds ?? 5;
  const seed = options.seed ?? 1;
  const { cases, summary, set, context } = await readResearchCases(inputs, read, base, options);
  const warnings = [...summary.warnings];
  let data: ParadoxData;
  let fit: LogisticFit;
  // Each scored case's outcome against its design's baseline (baselineOf gives a control case none).
  const against = baselineOf(context);
  const outcome = (c: ResearchCase) => {
    const b = against(c);
    return b === null || c.post === null ? null : c.post > b ? 1 : 0;
  };
  try {
    data = paradoxData(cases, outcome, context.design === 'post-only' ? NO_BASELINE : `no case has an observed outcome (design ${context.design}: ${context.reason})`, set);
    fit = fitParadox(data, options.confLevel ?? 0.95);
  } catch (e) {
    if (e instanceof FitRefusal) throw modelError('cannot_fit', `cannot fit: ${e.message}`);
    throw e;
  }
  const absent = FACTORS.filter((f) => !data.names.includes(f) && !data.dropped.some((d) => d.factor === f));
  if (absent.length)
    warnings.push(`not in the data, so not estimated (the model file gives them no effect, coefficient 0: the fitted intercept holds their average effect): ${absent.join(', ')}`);
  for (const d of data.dropped) warnings.push(`${d.factor} dropped from the fit: ${d.why}; the model file keeps the base model's coefficient`);
  if (data.incomplete) warnings.push(`${data.incomplete} cases with an observed outcome lack a factor and are left out`);
  const n = data.y.length;
  if (Math.min(data.events, n - data.events) / (data.names.length + 1) < 10) warnings.push(`fewer than 10 events per term (${Math.min(data.events, n - data.events)} for ${data.names.length + 1} terms): the estimates are unstable`);
  let cv: CrossValidation | null = null;
  try {
    if (n >= folds * 4) cv = crossValidate(data.x, data.y, data.names, folds, seed);
    else warnings.push(`too few cases for ${folds}-fold cross-validation`);
  } catch (e) {
    if (!(e instanceof FitRefusal)) throw e;
    warnings.push(`cross-validation not possible: a fold could not be fitted (${e.message})`);
  }
  const coefficients = Object.fromEntries(
    FACTORS.map((f) => {
      const t = fit.terms.find((term) => term.term === f);
      if (t) return [f, { value: t.estimate, se: t.se, why: `estimated by srp fit on ${n} cases` }];
      const held = data.dropped.find((d) => d.factor === f);
      // A factor absent from the data is unknown wherever the model is used on such data, and averaged over
      // there: with the base model's coefficient its effect would count twice, beside the fitted intercept's.
      return [f, held ? { value: base.coefficients[f], why: `not estimated (${held.why}): the base model's coefficient` } : { value: 0, why: 'not in the data, so not estimated: no effect (the fitted intercept holds its average effect)' }];
    }),
  ) as Record<Factor, object>;
  const { calibration, ...cvSummary } = cv ?? { calibration: [] as CalibrationBin[] };
  return {
    schema: 'srp.fit/1',
    design: context.design,
    design_reason: context.reason,
    input: accounting(summary),
    n,
    events: data.events,
    terms: fit.terms,
    deviance: fit.deviance,
    aic: fit.aic,
    cv: cv ? (cvSummary as Omit<CrossValidation, 'calibration'>) : null,
    calibration,
    model: {
      schema: 'srp.model/1',
      name: `fitted on ${n} cases`,
      description: 'Logistic model of P(post-recovery satisfaction > pre-failure satisfaction), estimated by maximum likelihood (IRLS) with srp fit.',
      intercept: writtenIntercept(fit.terms[0], data.dropped, base),
      coefficients,
      prior_failures_shares: priorShares(cases, base),
      recovery_components: { weights: base.componentWeights, response_half_life_hours: base.responseHalfLifeHours },
    },
    warnings,
  };
}

/**
 * The model file's intercept. A factor held at one value c in every case was absorbed by the fitted
 * intercept; the file keeps the base model's coefficient b for it, so its intercept is the fitted one
 * less b·c: on data like the fitting data the file then predicts what the fit does.
 */
function writtenIntercept(fitted: { estimate: number; se: number }, dropped: ParadoxData['dropped'], base: Model) {
  if (!dropped.length) return { value: fitted.estimate, se: fitted.se };
  const value = dropped.reduce((v, d) => v - base.coefficients[d.factor] * d.value, fitted.estimate);
  const held = dropped.map((d) => `${d.factor} = ${d.value}`).join(', ');
  return { value, se: fitted.se, why: `the fitted intercept ${fitted.estimate} less the base coefficients of the factors held at one value (${held}), which the file keeps` };
}

/** The shares of first, second and later failures among the fitting data's cases (the base model's where none is recorded). */
function priorShares(cases: ResearchCase[], base: Model) {
  const j = FACTORS.indexOf('prior_failures');
  const counts = [0, 0, 0];
  for (const c of cases) if (c.factors[j] !== null) counts[Math.round(c.factors[j]! * 2)]++;
  const n = counts[0] + counts[1] + counts[2];
  const [first, second, later] = n ? counts.map((k) => k / n) : base.priorShares;
  return { first, second, later, why: n ? `the shares among the ${n} cases srp fit read` : "the base model's: no case recorded prior failures" };
}
