/**
 * The paradox probability of one case (SPEC §5): logistic in the normalised factors, averaged over
 * any unknown factors with its range (§3.4), with the ceiling (P7), the verdict, the drivers (each
 * factor's contribution to the log-odds) and the potential (the probability the same case would have
 * with an excellent recovery). The baseline a case's outcome is observed against comes from the
 * design (§3.5): its own pre-failure satisfaction, a stated level, or the control group.
 */
import { FACTORS, type Case, type Factor, type Observed } from '../case.js';
import { assumedNames, normalise, type FactorValues } from './factors.js';
import { linearPredictor, logistic } from './linear.js';
import { coefficientArray, type Model } from './model.js';
import { factorDistributions, tallyFactorColumns, tallyFactors, UnknownFactors, type FactorTally } from './unknown.js';

export type { Observed };

export interface Driver {
  factor: Factor;
  /** Contribution to the log-odds: coefficient × value (an unknown factor at its distribution's mean). */
  contribution: number;
  /** Share of the summed absolute contributions. */
  share: number;
  /** The factor is unknown for this case. */
  unknown?: true;
}

export type Verdict = 'paradox likely' | 'paradox unlikely' | 'undetermined';

export interface Prediction {
  /** Factor values in FACTORS order (unknown ones at the mean of their distribution). */
  values: number[];
  /** Unknown factors as a bit mask (bit i = FACTORS[i]). */
  assumedMask: number;
  /** Averaged over the unknown factors. */
  probability: number;
  /** Lowest and highest probability over every value of the unknown factors. */
  low: number;
  high: number;
  potential: number;
  verdict: Verdict;
  /** The baseline is already at the top of the satisfaction scale (P7). */
  ceiling: boolean;
  observed: Observed | null;
  /** For an undetermined verdict: the unknown factors that, recorded, would decide it (bit mask). */
  deciders: number;
}

const RECOVERY = FACTORS.indexOf('recovery_quality');

/** What a case's post-recovery satisfaction is compared with: its own pre, a stated level, the control mean; null for none. */
export type BaselineOf = (c: Case) => number | null;

export function outcome(post: number | null, baseline: number | null): Observed | null {
  if (post === null || baseline === null) return null;
  return post > baseline ? 'paradox' : post === baseline ? 'restored' : 'not restored';
}

/**
 * Predicts cases with one model, threshold and input context. `predict(c, into)` reuses `into`
 * when given (a consumer that keeps no predictions, such as the report, allocates none per case).
 */
export class Predictor {
  readonly unknown: UnknownFactors;
  /**
   * Where each predicted case's known factors are counted (their distribution, for the next
   * reading): by `predict`, or by the caller of `fromValues` (`countFactors`, `countColumns`).
   */
  tally: FactorTally | null = null;
  /** The potential of the last case `known` predicted. */
  potential = 0;
  private readonly b: Float64Array;
  /** The known factors of a case with unknown ones (0 for those), reused. */
  private readonly knownValues = [0, 0, 0, 0, 0];

  constructor(
    readonly model: Model,
    readonly threshold = 0.5,
    unknown?: UnknownFactors,
    private readonly baselineOf: BaselineOf = (c) => c.pre,
    /** The ceiling applies where the baseline is the case's own (within, history, baseline designs). */
    private readonly ceilingApplies = true,
  ) {
    this.unknown = unknown ?? new UnknownFactors(model, factorDistributions(null, model));
    this.b = coefficientArray(model);
  }

  /** Counts a case's normalised factors (FACTORS order, NaN where unknown) into `tally`, where one is kept. */
  countFactors(values: number[]): void {
    if (this.tally) tallyFactors(this.tally, values);
  }

  /** `countFactors` for the first `n` cases of a batch read into columns (its first five columns, FACTORS order). */
  countColumns(factors: readonly Float64Array[], n: number): void {
    if (this.tally) tallyFactorColumns(this.tally, factors, n);
  }

  /**
   * The probability and the potential (the probability with an excellent recovery) of a case whose
   * factors are all known, normalised in FACTORS order; both 0 at the ceiling. The potential is
   * left in `potential`, so that a reader of many cases makes no object per case.
   */
  known(values: number[], ceiling: boolean): number {
    if (ceiling) return (this.potential = 0);
    const eta = linearPredictor(this.model.intercept, this.b, values);
    this.potential = logistic(eta + this.b[RECOVERY] * (1 - values[RECOVERY]));
    return logistic(eta);
  }

  /** The verdict of a probability that lies between `low` and `high` (equal where every factor is known). */
  verdict(low: number, high: number, ceiling: boolean): Verdict {
    return low >= this.threshold ? 'paradox likely' : high < this.threshold || ceiling ? 'paradox unlikely' : 'undetermined';
  }

  /** The baseline is already at the top of the scale, where the ceiling applies (P7). */
  atCeiling(baseline: number | null, top: number | null): boolean {
    return this.ceilingApplies && baseline !== null && top !== null && baseline >= top;
  }

  predict(c: Case, into?: Prediction): Prediction {
    const p = into ?? scratchPrediction();
    const mask = normalise(c, this.model, p.values);
    this.countFactors(p.values);
    return this.fromValues(p, mask, this.baselineOf(c), c.post, c.top);
  }

  /**
   * The prediction of a case from its normalised factors, already in `p.values` (NaN where unknown,
   * `mask` naming those), its baseline, post satisfaction and the top of its scale (null: no
   * satisfaction), its factors already counted. `predict` reads a case this way; a batch read into
   * columns is read so directly (its factors counted a column at a time: `countColumns`).
   */
  fromValues(p: Prediction, mask: number, baseline: number | null, post: number | null, top: number | null): Prediction {
    const values = p.values;
    const b = this.b;
    const ceiling = this.atCeiling(baseline, top);
    p.assumedMask = mask;
    p.ceiling = ceiling;
    p.observed = outcome(post, baseline);
    p.deciders = 0;
    if (mask === 0) {
      p.probability = p.low = p.high = this.known(values, ceiling);
      p.potential = this.potential;
    } else {
      const known = this.knownValues;
      for (let i = 0; i < 5; i++) known[i] = mask & (1 << i) ? 0 : values[i];
      const eta = linearPredictor(this.model.intercept, b, known);
      const means = this.unknown.means;
      for (let i = 0; i < 5; i++) if (mask & (1 << i)) values[i] = means[i];
      if (ceiling) p.probability = p.low = p.high = p.potential = 0;
      else {
        p.probability = this.unknown.average(eta, mask);
        [p.low, p.high] = this.unknown.range(eta, mask);
        const rest = mask & ~(1 << RECOVERY);
        const excellent = eta + b[RECOVERY] * (1 - (mask & (1 << RECOVERY) ? 0 : values[RECOVERY]));
        p.potential = rest ? this.unknown.average(excellent, rest) : logistic(excellent);
      }
      if (!ceiling && p.low < this.threshold && p.high >= this.threshold) for (const f of this.unknown.deciders(eta, mask, this.threshold)) p.deciders |= 1 << f;
    }
    p.verdict = this.verdict(p.low, p.high, ceiling);
    return p;
  }
}

/** A prediction to reuse with `predictor.predict(c, into)`. */
export const scratchPrediction = (): Prediction => ({
  values: [0, 0, 0, 0, 0],
  assumedMask: 0,
  probability: 0,
  low: 0,
  high: 0,
  potential: 0,
  verdict: 'paradox unlikely',
  ceiling: false,
  observed: null,
  deciders: 0,
});

/** The verdict in words, saying why where the ceiling decides it. */
export const verdictText = (p: Prediction) => (p.ceiling ? CEILING_VERDICT : p.verdict);

/** The verdict where the baseline is already at the top of the scale, in words. */
export const CEILING_VERDICT = 'paradox unlikely: pre-failure satisfaction is already at the top of the scale';

export const assumed = (p: Prediction) => assumedNames(p.assumedMask);

export const factorValues = (p: Prediction): FactorValues => Object.fromEntries(FACTORS.map((f, i) => [f, p.values[i]])) as FactorValues;

/**
 * Each factor's contribution to the log-odds, largest first; for an undetermined verdict the unknown
 * factors that would decide it lead (SPEC §3.4), and an unknown factor never leads otherwise.
 */
export function drivers(p: Prediction, model: Model): Driver[] {
  const b = coefficientArray(model);
  let total = 0;
  const list: Driver[] = FACTORS.map((factor, i) => {
    const contribution = b[i] * p.values[i];
    total += Math.abs(contribution);
    return p.assumedMask & (1 << i) ? { factor, contribution, share: 0, unknown: true } : { factor, contribution, share: 0 };
  });
  for (const d of list) d.share = total ? Math.abs(d.contribution) / total : 0;
  const rank = (d: Driver) => (p.deciders & (1 << FACTORS.indexOf(d.factor)) ? 0 : d.unknown ? 2 : 1);
  return list.sort((x, y) => rank(x) - rank(y) || Math.abs(y.contribution) - Math.abs(x.contribution));
}

/** The model's probability for factor values given by name (every factor known). */
export function paradoxProbability(values: FactorValues, model: Model): number {
  return logistic(linearPredictor(model.intercept, coefficientArray(model), FACTORS.map((f) => values[f])));
}
