/**
 * The one rule, shared by `srp test` and `srp fit` (SPEC §5), for when the logistic model of the
 * paradox can be fitted on a set of cases, and the data it is fitted on: cases with an observed
 * outcome and every factor in use; a factor absent from them is left out, and one that is constant
 * among them (a fixed manipulation, a mapping constant) is dropped as R reports an aliased term as
 * NA, instead of refusing the whole model.
 */
import { FACTORS, type Factor } from '../case.js';
import { FitRefusal, logisticRegression, type LogisticFit } from '../stats/logistic.js';
import type { ResearchCase } from './research-cases.js';

/** Fewer complete cases than this are refused. */
export const MIN_CASES = 20;

export interface ParadoxData {
  x: number[][];
  /** 1 where the case ended above its baseline (the paradox). */
  y: number[];
  names: Factor[];
  /** Factors in the data but not estimated for holding one value in every case (`value`, normalised), each with why. */
  dropped: { factor: Factor; why: string; value: number }[];
  /** Cases with an observed outcome that lacked a factor in use. */
  incomplete: number;
  events: number;
}

/**
 * The data to fit, or a FitRefusal that says why there is none. `observed` is each case's outcome
 * (1 paradox, 0 not) or null where the design observes none.
 */
export function paradoxData(cases: ResearchCase[], observed: (c: ResearchCase) => number | null, noOutcome: string, set: Factor[] = []): ParadoxData {
  const withOutcome = cases.filter((c) => observed(c) !== null);
  if (!withOutcome.length) throw new FitRefusal(noOutcome);
  const present = FACTORS.filter((_, j) => withOutcome.some((c) => c.factors[j] !== null));
  if (!present.length) throw new FitRefusal('no factor (severity, prior_failures, controllability, stability, recovery_quality) is in the data');
  const complete = withOutcome.filter((c) => present.every((f) => c.factors[FACTORS.indexOf(f)] !== null));
  const dropped: ParadoxData['dropped'] = [];
  const names = present.filter((f) => {
    const j = FACTORS.indexOf(f);
    const first = complete[0]?.factors[j];
    if (set.includes(f)) {
      if (first !== undefined && first !== null) dropped.push({ factor: f, why: 'set to one value by the mapping, not observed', value: first });
      return false;
    }
    if (complete.length && complete.every((c) => c.factors[j] === first)) {
      dropped.push({ factor: f, why: `the same (${first}) in every case, so it cannot be estimated (R reports such an aliased term as NA)`, value: first! });
      return false;
    }
    return true;
  });
  if (complete.length < MIN_CASES)
    throw new FitRefusal(`too few cases (${complete.length} with an observed outcome and every factor in use; at least ${MIN_CASES} are needed)`);
  const y = complete.map((c) => observed(c)!);
  const events = y.reduce((a, b) => a + b, 0);
  if (events === 0 || events === y.length)
    throw new FitRefusal(`one outcome class only (${events === 0 ? 'no case ended above its baseline' : 'every case ended above its baseline'})`);
  const idx = names.map((f) => FACTORS.indexOf(f));
  const x = complete.map((c) => idx.map((j) => c.factors[j]!));
  const separating = separatingFactor(x, y, names);
  if (separating)
    throw new FitRefusal(`perfect separation: ${separating} alone separates the cases with the paradox from those without, so its estimate would be infinite`);
  return { x, y, names, dropped, incomplete: withOutcome.length - complete.length, events };
}

/** The within-subject outcome: 1 where post-recovery satisfaction beats pre-failure satisfaction. */
export const withinOutcome = (c: ResearchCase) => (c.pre === null || c.post === null ? null : c.post > c.pre ? 1 : 0);

export const NO_BASELINE =
  "no case has a baseline: the input has post_satisfaction only; give --baseline, a control group, or derive pre_satisfaction from the customer's history";

/** Fits the model on `paradoxData`'s data (FitRefusal when IRLS cannot). */
export const fitParadox = (d: ParadoxData, conf = 0.95): LogisticFit => logisticRegression(d.x, d.y, d.names, conf);

/** A factor whose values alone split the outcomes (every paradox on one side of a cut). */
function separatingFactor(x: number[][], y: number[], names: string[]): string | null {
  for (let j = 0; j < names.length; j++) {
    let min1 = Infinity,
      max1 = -Infinity,
      min0 = Infinity,
      max0 = -Infinity;
    for (let i = 0; i < y.length; i++) {
      const v = x[i][j];
      if (y[i]) {
        min1 = Math.min(min1, v);
        max1 = Math.max(max1, v);
      } else {
        min0 = Math.min(min0, v);
        max0 = Math.max(max0, v);
      }
    }
    if (min1 > max0 || min0 > max1) return names[j];
  }
  return null;
}
